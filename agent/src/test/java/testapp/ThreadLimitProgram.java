package testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Seed 004: a thread per request until the OS refuses; then lets them all go so the JVM can exit cleanly. */
public final class ThreadLimitProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        String failure = null;
        for (int i = 0; i < 5_000; i++) {
            Thread t = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "request-" + i);
            try {
                t.start();
            } catch (OutOfMemoryError e) {
                failure = e.getMessage();
                break;
            }
            threads.add(t);
        }
        Thread.sleep(300);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("started " + threads.size() + " threads; failure: " + failure);
    }
}
