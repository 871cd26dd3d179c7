package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A quiet start, then a nested explosion 3 s into the run: each of 4 outer workers creates a
 * ForkJoinPool of the processor count and keeps it computing. Prints when the explosion starts
 * (epoch ms) and holds for SECONDS. With "recorded", the 3 s count from the moment the agent's
 * recording runs (it starts in the background, later on a loaded machine). With a third argument,
 * the inner pools then shut down and the JVM stays, calm, that many seconds (prints when the calm began).
 */
public final class NestedLater {
    /**
     * With -Dnested.await.go: the explosion waits (at most 20 s) for a line on stdin, so a watcher can
     * attach first (32 spinning threads on 2 CPUs starve an attach in progress).
     */
    private static void awaitGo() throws InterruptedException {
        if (System.getProperty("nested.await.go") == null) {
            return;
        }
        Thread reader = new Thread(() -> {
            try {
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            } catch (java.io.IOException e) {
                // go on
            }
        });
        reader.setDaemon(true);
        reader.start();
        reader.join(20_000);
    }

    public static void main(String[] args) throws Exception {
        long holdSeconds = Long.parseLong(args[0]);
        if (args.length > 1 && args[1].equals("recorded")) {
            Work.awaitRecording();
        }
        long start = System.currentTimeMillis();
        ExecutorService outer = Executors.newFixedThreadPool(4);
        Thread.sleep(Math.max(3000 - (System.currentTimeMillis() - start), 0));
        awaitGo();
        System.out.println("explosion at " + System.currentTimeMillis());
        System.out.flush();
        for (int w = 0; w < 4; w++) {
            outer.execute(() -> {
                ForkJoinPool inner = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
                for (int i = 0; i < inner.getParallelism(); i++) {
                    inner.execute(() -> Work.spin(holdSeconds * 1000)); // CPU work: its threads wait for the CPUs
                }
                Work.sleep(holdSeconds * 1000);
                inner.shutdown();
                try {
                    inner.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        outer.shutdown();
        outer.awaitTermination(holdSeconds + 30, TimeUnit.SECONDS);
        if (args.length > 2) {
            System.out.println("calm at " + System.currentTimeMillis());
            System.out.flush();
            Thread.sleep(Long.parseLong(args[2]) * 1000);
        }
    }
}
