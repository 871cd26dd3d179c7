package testapp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Every kind of event with a stack trace, before and after the recording starts. */
public final class StacksProgram {
    public static void main(String[] args) throws Exception {
        ExecutorService early = Executors.newFixedThreadPool(2); // EARLY
        early.submit(() -> IntStream.range(0, 1000).parallel().sum()).get();
        Programs.awaitRecording();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            try {
                pool.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (RejectedExecutionException e) {
                // expected: the queue holds one
            }
        }
        release.countDown();
        pool.setMaximumPoolSize(3);
        ForkJoinPool fj = new ForkJoinPool(2);
        fj.submit(() -> 1).get();
        ExecutorService outer = Executors.newSingleThreadExecutor();
        outer.submit(() -> IntStream.range(0, 1000).parallel().sum()).get();
        Thread t = new Thread(() -> { }, "stacks-family-1");
        t.start();
        t.join();
        pool.shutdown();
        fj.shutdown();
        outer.shutdown();
        early.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        System.out.println("done");
    }
}
