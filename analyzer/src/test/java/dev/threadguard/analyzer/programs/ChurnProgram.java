package dev.threadguard.analyzer.programs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * broken: a new thread per task (for 2.5 s, at least 600). fixed: the same tasks on a pool of 4. async: the
 * same tasks through CompletableFuture.runAsync without an executor, which starts a thread per task while
 * the common pool's parallelism is below 2 (run at 2 processors). JDK events only.
 */
public final class ChurnProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        boolean broken = args[0].equals("broken");
        long end = System.nanoTime() + 2_500_000_000L;
        if (args[0].equals("async")) {
            for (int started = 0; System.nanoTime() < end || started < 600; started++) {
                CompletableFuture.runAsync(() -> Work.sleep(1)).join(); // ASYNC-CALL
            }
        } else if (broken) {
            // at least 600 threads however slow the machine: the test reads more than 500 started
            for (int started = 0; System.nanoTime() < end || started < 600; started++) {
                Thread t = new Thread(() -> Work.sleep(1), "task-handler");
                t.start();
                t.join();
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            while (System.nanoTime() < end) {
                pool.submit(() -> Work.sleep(1)).get();
            }
            pool.shutdown();
        }
    }
}
