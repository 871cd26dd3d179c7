package testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A pool per request, under a recording: more pools a second than the agent walks creation sites for,
 * each shut down unused, then one pool that runs three tasks before its shutdown.
 */
public final class PoolPerRequestProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) {
            ExecutorService p = Executors.newFixedThreadPool(3); // UNUSED-POOL
            p.shutdown();
        }
        ExecutorService used = Executors.newFixedThreadPool(2); // TASKS-POOL
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            used.execute(done::countDown);
        }
        done.await();
        used.shutdown();
        used.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        System.out.println("pools " + n);
    }
}
