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
