package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Task bodies for the test programs. */
public final class Work {
    private Work() {}

    public static volatile long sink;

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits (bounded) until a recording runs: the agent starts its own ~0.5 s after main, later on a loaded
     * machine, and what happens before it is replayed at best (pools) or lost (census, samples).
     */
    public static void awaitRecording() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (jdk.jfr.FlightRecorder.isInitialized() && jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().stream()
                    .anyMatch(r -> r.getState() == jdk.jfr.RecordingState.RUNNING)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no running recording after 30 s: is the agent attached?");
    }

    /** Burns CPU for {@code ms} of wall time. */
    public static void spin(long ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ (x >>> 3);
            }
        }
        sink = x;
    }

    /** Submits {@code n} copies of {@code task} and waits for all. */
    public static void runAll(ExecutorService pool, int n, Runnable task) throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(pool.submit(task));
        }
        for (Future<?> f : fs) {
            f.get();
        }
    }
}
