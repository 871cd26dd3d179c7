package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A short program with a healthy pool of 2, run with or without the agent. With a second argument, also two
 * threads outside any pool named by it (a thread family whose name is data, for the escaping tests).
 */
public final class SmallProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        if (args.length > 0) {
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> Work.sleep(1500), args[0] + "-" + i);
                t.start();
            }
        }
        for (int i = 0; i < 3; i++) {
            Work.runAll(pool, 2, () -> Work.sleep(700));
        }
        pool.shutdown();
    }
}
