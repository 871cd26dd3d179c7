package dev.threadguard.benchmarks.workloads;

import java.util.Locale;

/**
 * Real workloads for the interleaved A/B overhead runs of benchmarks/overhead.sh: each warms up, then
 * measures for a fixed time and prints one {@code result: key=value ...} line.
 * usage: java -cp benchmarks.jar dev.threadguard.benchmarks.workloads.Workload http|jdbc|stream|churn|pools|pool-per-request SECONDS
 */
public final class Workload {
    private Workload() {}

    public static void main(String[] args) throws Exception {
        String which = args[0];
        long seconds = Long.parseLong(args[1]);
        String result = switch (which) {
            case "http" -> HttpLoad.run(seconds);
            case "jdbc" -> JdbcLoad.run(seconds);
            case "stream" -> StreamJob.run(seconds);
            case "churn" -> ThreadChurnJob.run();
            case "pools" -> PoolChurnJob.run();
            case "pool-per-request" -> PoolPerRequestJob.run();
            default -> throw new IllegalArgumentException("unknown workload " + which);
        };
        System.out.println("result: " + result);
        System.exit(0);
    }

    /** CPU time of the whole process so far, ns (every thread: the agent's sampler, JFR's recorder, GC). */
    static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /**
     * CPU time of the JIT compiler threads so far, ns, from /proc (Linux; 0 elsewhere): a short run
     * still compiling in its measured half (a new thread per task keeps C2 busy for seconds) is read
     * without it too, as the steady state a long-running application reaches.
     */
    static long compilerCpu() {
        long ticks = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : tasks) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(task.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ = 100 on Linux
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
