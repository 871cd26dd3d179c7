package testapp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Two pools held in a known state until stdin closes: a pool sized to the processors with 3 workers
 * blocked in a task and 5 idle after 5 tasks; a bounded executor with 2 workers busy and 3 tasks queued.
 * With an argument, held that many seconds instead. Needs at least 4 processors (-XX:ActiveProcessorCount=8).
 */
public final class MetricsProgram {
    public static void main(String[] args) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService sized = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()); // SIZED-POOL
        CountDownLatch busy = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            sized.execute(() -> {
                busy.countDown();
                await(release);
            });
        }
        busy.await();
        CountDownLatch quick = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            sized.execute(quick::countDown);
        }
        quick.await();
        ThreadPoolExecutor bounded = new ThreadPoolExecutor(2, 5, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(10)); // BOUNDED-POOL
        for (int i = 0; i < 5; i++) {
            bounded.execute(() -> await(release));
        }
        System.out.println("ready");
        System.out.flush();
        if (args.length > 0) {
            Thread.sleep(Long.parseLong(args[0]) * 1000);
            System.exit(0);
        }
        // until the test closes stdin (or 2 minutes)
        Thread reader = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // drain
                }
            } catch (java.io.IOException ignored) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        reader.join(120_000);
        release.countDown();
        sized.shutdown();
        bounded.shutdown();
    }

    static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
