package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Small real programs with plain JDK pools and no test instrumentation, for runs under the real
 * threadguard agent. {@code main(pattern, mode)}: pattern sized|nested|common|leak|exceed|reject|churn, mode
 * broken|fixed.
 */
public final class PlainPrograms {
    public static void main(String[] args) throws Exception {
        String pattern = args[0];
        boolean broken = args[1].equals("broken");
        switch (pattern) {
            case "sized" -> sized(broken);
            case "nested" -> nested(broken);
            case "common" -> common(broken);
            case "leak" -> leak(broken);
            case "exceed" -> exceed(broken);
            case "reject" -> reject(broken);
            case "churn" -> churn(broken);
            default -> throw new IllegalArgumentException(pattern);
        }
        System.exit(0);
    }

    /** Seed 000: run with -XX:ActiveProcessorCount=16; 4 environments. */
    static void sized(boolean broken) throws Exception {
        int envs = 4;
        ExecutorService pool = Executors.newFixedThreadPool(broken ? Runtime.getRuntime().availableProcessors() : envs);
        for (int round = 0; round < 4; round++) {
            Work.runAll(pool, envs, () -> Work.sleep(1000));
            Thread.sleep(60);
        }
        pool.shutdown();
    }

    static void nested(boolean broken) throws Exception {
        ExecutorService outer = Executors.newFixedThreadPool(4);
        for (int round = 0; round < 3; round++) {
            Work.runAll(outer, 4, () -> {
                if (broken) {
                    ExecutorService inner = Executors.newFixedThreadPool(4);
                    try {
                        Work.runAll(inner, 4, () -> Work.sleep(1000));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    } finally {
                        inner.shutdown();
                    }
                } else {
                    for (int i = 0; i < 4; i++) {
                        Work.sleep(250);
                    }
                }
            });
        }
        outer.shutdown();
    }

    /** Run with -XX:ActiveProcessorCount=8 (common pool parallelism 7). */
    static void common(boolean broken) throws Exception {
        ExecutorService outer = Executors.newFixedThreadPool(4);
        for (int round = 0; round < 3; round++) {
            Work.runAll(outer, 4, () -> {
                if (broken) {
                    IntStream.range(0, 28).parallel().forEach(i -> Work.sleep(250));
                } else {
                    IntStream.range(0, 4).forEach(i -> Work.sleep(250));
                }
            });
        }
        outer.shutdown();
    }

    static void leak(boolean broken) throws Exception {
        for (int request = 0; request < 14; request++) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            Work.runAll(pool, 4, () -> Work.sleep(50));
            if (!broken) {
                pool.shutdown();
            }
            Thread.sleep(250);
        }
        Thread.sleep(1200);
    }

    static void exceed(boolean broken) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        List<ExecutorService> pools = new ArrayList<>();
        for (int i = 0; i < (broken ? 3 : 1); i++) {
            pools.add(Executors.newFixedThreadPool(cpus));
        }
        List<Thread> drivers = new ArrayList<>();
        for (ExecutorService p : pools) {
            Thread d = new Thread(() -> {
                try {
                    Work.runAll(p, cpus, () -> Work.spin(7000)); // long enough for a late-starting recording
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            d.start();
            drivers.add(d);
        }
        for (Thread d : drivers) {
            d.join();
        }
        for (ExecutorService p : pools) {
            p.shutdown();
        }
    }

    /** A pool of 2 with a queue of 2 flooded with 40 tasks discards most (broken); a semaphore bounds the producer. */
    static void reject(boolean broken) throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2),
                new ThreadPoolExecutor.DiscardPolicy());
        Semaphore permits = new Semaphore(4);
        for (int i = 0; i < 40; i++) {
            if (!broken) {
                permits.acquire();
            }
            pool.execute(() -> {
                Work.sleep(50);
                permits.release();
            });
        }
        Thread.sleep(2200);
        pool.shutdown();
    }

    /** A new thread per task for 2.5 s (broken), or the same tasks on a pool of 4. */
    static void churn(boolean broken) throws Exception {
        ChurnProgram.main(new String[] {broken ? "broken" : "fixed"});
    }
}
