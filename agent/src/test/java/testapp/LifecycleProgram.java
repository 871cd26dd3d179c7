package testapp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A bounded executor that rejects, is resized, and is shut down. */
public final class LifecycleProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1)); // BOUNDED-POOL
        CountDownLatch release = new CountDownLatch(1);
        int rejected = 0;
        for (int i = 0; i < 10; i++) {
            try {
                pool.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (RejectedExecutionException e) {
                rejected++;
            }
        }
        pool.setCorePoolSize(2);
        pool.setMaximumPoolSize(4);
        release.countDown();
        Thread.sleep(200);
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        System.out.println("rejected " + rejected);
    }
}
