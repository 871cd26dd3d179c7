package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Seed 004, under the real agent. broken: a cached pool grows to 150 threads (run under ulimit -u 200).
 * fixed: a pool of 8. fail: run as a user the limit binds (ulimit -u N), starts threads until one fails.
 */
public final class LimitProgram {
    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        String mode = args[0];
        if (mode.equals("fail")) {
            CountDownLatch done = new CountDownLatch(1);
            List<Thread> started = new ArrayList<>();
            try {
                for (int i = 0; i < 100_000; i++) {
                    Thread t = new Thread(() -> await(done), "compile-" + i);
                    t.setDaemon(true);
                    t.start();
                    started.add(t);
                }
            } catch (OutOfMemoryError e) {
                System.out.println("failed: " + e.getMessage());
            }
            // the threads end, so that JFR can start the thread that writes the recording at exit
            done.countDown();
            for (Thread t : started) {
                t.join();
            }
            Thread.sleep(1000);
            System.exit(0);
        }
        int size = mode.equals("fixed") ? 8 : 150;
        ExecutorService pool = Compiler.run(size);
        Work.runAll(pool, size, () -> Work.sleep(2500));
        pool.shutdown();
    }
}

final class Compiler {
    private Compiler() {}

    static ExecutorService run(int max) {
        return new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>()); // site: Compiler
    }
}
