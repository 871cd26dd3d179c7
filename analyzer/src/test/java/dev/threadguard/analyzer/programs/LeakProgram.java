package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Under the real agent. broken: a pool per request, never shut down. fixed: the same, shut down after each request. */
public final class LeakProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        boolean fixed = args[0].equals("fixed");
        for (int request = 0; request < 14; request++) {
            ExecutorService pool = Handler.handle();
            if (fixed) {
                pool.shutdown();
            }
            Thread.sleep(250);
        }
        Thread.sleep(1200);
        System.exit(0); // the leaked pools' non-daemon workers would keep the JVM alive
    }
}

final class Handler {
    static ExecutorService handle() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4); // site: Handler
        Work.runAll(pool, 4, () -> Work.sleep(50));
        return pool;
    }
}
