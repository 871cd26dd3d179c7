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

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
