package dev.threadguard.analyzer.programs;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Seed 004. broken: a cached pool grows to 150 threads under a (declared) RLIMIT_NPROC of 200. fixed: a
 * pool of 8. fail: the process really runs under a low ulimit -u and starts threads until one fails.
 */
public final class LimitProgram {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long limit = mode.equals("fail") ? Long.parseLong(args[1]) : 200;
        MiniAgent.start(limit);
        if (mode.equals("fail")) {
            int started = 0;
            try {
                for (int i = 0; i < 100_000; i++) {
                    Thread t = new Thread(() -> Work.sleep(60_000), "compile-" + i);
                    t.setDaemon(true);
                    t.start();
                    started++;
                }
            } catch (OutOfMemoryError e) {
                // committed here, so the stack points at the start that failed (the agent records it in Thread.start)
                dev.threadguard.events.ThreadStartFailed f = new dev.threadguard.events.ThreadStartFailed();
                f.threadName = "compile-" + started;
                f.liveThreads = Thread.activeCount();
                f.osThreads = MiniAgent.osThreadCount();
                f.message = String.valueOf(e.getMessage());
                f.commit();
            }
            Thread.sleep(1500);
            MiniAgent.finish();
            System.exit(0);
        }
        int size = mode.equals("fixed") ? 8 : 150;
        MiniAgent.Pool pool = new MiniAgent.Pool("Compiler.run:88 cached", "Compiler.run(Compiler.java:88)", 0, size,
                new SynchronousQueue<>(), "", new ThreadPoolExecutor.AbortPolicy());
        Work.runAll(pool, size, () -> Work.sleep(2500));
        MiniAgent.finish();
        pool.shutdown();
    }
}
