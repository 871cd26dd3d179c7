package dev.threadguard.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What one OS-thread sample costs the agent at 100 to 5,000 threads: a child JVM per thread count
 * runs under the agent, and the agent's own measure of each sample ({@code
 * ProcessThreads.samplingCpuTime}, CPU time of the sampling thread) is read back from its recording.
 * Half the threads are workers of fixed pools, half a thread family; in the "active" mode every
 * thread wakes every 100 ms, so every sample finds each of them having run (the costlier path).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.threadguard.benchmarks.SamplingCost AGENT_JAR [seconds] [counts...]}
 */
public final class SamplingCost {
    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("child")) {
            child(Integer.parseInt(args[1]), args[2].equals("active"), Integer.parseInt(args[3]));
            return;
        }
        if (args.length < 1 || !new File(args[0]).isFile()) {
            System.err.println("usage: SamplingCost path/to/threadguard.jar [seconds] [thread counts...]");
            System.exit(2);
        }
        String agent = new File(args[0]).getAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        List<Integer> counts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 1000, 2000, 5000);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path dir = Files.createTempDirectory("threadguard-sampling");
        System.out.printf(Locale.ROOT, "%-7s %-7s %8s %8s %10s %10s %10s %10s%n", "threads", "mode", "samples", "os thr",
            "sampled", "median ms", "p90 ms", "max ms");
        for (int n : counts) {
            for (String mode : List.of("idle", "active")) {
                Path file = dir.resolve("s-" + n + "-" + mode + ".jfr");
                Process p = new ProcessBuilder(java, "-Xss256k", "-javaagent:" + agent + "=period=1s,file=" + file,
                    "-cp", cp, SamplingCost.class.getName(), "child", Integer.toString(n), mode, Integer.toString(seconds))
                    .inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("child failed for " + n + " " + mode);
                }
                report(n, mode, file);
            }
        }
    }

    private static void report(int n, String mode, Path file) throws Exception {
        List<Double> ms = new ArrayList<>();
        long os = 0;
        long sampled = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("threadguard.ProcessThreads")) {
                continue;
            }
            // steady state only: full load, and not the chunk's first sample (a census, a baseline)
            int osThreads = e.getInt("osThreads");
            if (osThreads < n) {
                continue;
            }
            ms.add(e.getDuration("samplingCpuTime").toNanos() / 1e6);
            os = Math.max(os, osThreads);
            sampled = Math.max(sampled, e.getInt("sampledOsThreads"));
        }
        if (ms.size() > 2) {
            ms = ms.subList(1, ms.size() - 1);
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "%-7d %-7s %8d %8d %10d %10.2f %10.2f %10.2f%n", n, mode, ms.size(), os, sampled,
            pct(ms, 0.5), pct(ms, 0.9), ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1));
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }

    private static void child(int n, boolean active, int seconds) throws Exception {
        // the load starts once the agent's recording runs, so every sample sees all threads
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (FlightRecorder.getFlightRecorder().getRecordings().stream().noneMatch(r -> r.getState() == RecordingState.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent's recording did not start");
            }
            Thread.sleep(20);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runnable body = () -> {
            while (stop.getCount() > 0) {
                if (active) {
                    LockSupport.parkNanos(100_000_000L);
                } else {
                    LockSupport.park();
                }
            }
        };
        int pools = Math.max(1, n / 2 / 50);
        List<ExecutorService> executors = new ArrayList<>();
        int inPools = 0;
        for (int i = 0; i < pools; i++) {
            int size = (n / 2) / pools;
            ExecutorService ex = Executors.newFixedThreadPool(size);
            for (int j = 0; j < size; j++) {
                ex.execute(body);
            }
            executors.add(ex);
            inPools += size;
        }
        List<Thread> family = new ArrayList<>();
        for (int i = inPools; i < n; i++) {
            Thread t = new Thread(body, "family-worker-" + i);
            t.setDaemon(true);
            t.start();
            family.add(t);
        }
        Thread.sleep(seconds * 1000L);
        stop.countDown();
        System.exit(0);
    }
}
