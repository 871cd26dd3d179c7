package testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A nested explosion that ends (run with -XX:ActiveProcessorCount=8): 3 s after the recording
 * started, 4 outer workers each create a ForkJoinPool of the processor count and keep it computing
 * for SECONDS, then shut it down. Then main waits, at most CALM seconds, for its stdin to close,
 * and returns (no System.exit: the JVM ends when its last non-daemon thread does). Prints
 * "explosion at MS", "calm at MS", "main returns at MS".
 */
public final class LiveProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        // the onset 3 s into the run, as a service that explodes under load, not at its start
        Thread.sleep(3000);
        long seconds = Long.parseLong(args[0]);
        ExecutorService outer = Executors.newFixedThreadPool(4);
        System.out.println("explosion at " + System.currentTimeMillis());
        System.out.flush();
        for (int w = 0; w < 4; w++) {
            outer.execute(() -> {
                ForkJoinPool inner = new ForkJoinPool(Runtime.getRuntime().availableProcessors()); // INNER-POOL
                for (int i = 0; i < inner.getParallelism(); i++) {
                    inner.execute(() -> Programs.spin(seconds * 1000));
                }
                inner.shutdown();
                try {
                    inner.awaitTermination(seconds + 30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        outer.shutdown();
        outer.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        System.out.println("calm at " + System.currentTimeMillis());
        System.out.flush();
        CountDownLatch stdinClosed = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the test closes it
                }
            } catch (Exception ignored) {
                // closed
            }
            stdinClosed.countDown();
        });
        reader.setDaemon(true);
        reader.start();
        stdinClosed.await(Long.parseLong(args[1]), TimeUnit.SECONDS);
        System.out.println("main returns at " + System.currentTimeMillis());
        System.out.flush();
    }
}
