package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds 001/003, under the real agent. broken: each of 4 inference workers runs an OpenMP-style native
 * pool of 4 threads, invented by {@link MiniAgent} in the OS census under the worker's name (native threads
 * inherit their creator's name). fixed: no native threads: the agent's real census must show none.
 */
public final class NativeProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        boolean broken = args[0].equals("broken");
        ExecutorService pool = Model.load();
        if (broken) {
            for (int i = 1; i <= 4; i++) {
                MiniAgent.nativeThreads("infer-" + i, 4);
            }
        }
        for (int round = 0; round < 3; round++) {
            Work.runAll(pool, 4, () -> Work.sleep(1000));
        }
        pool.shutdown();
    }
}

final class Model {
    static ExecutorService load() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> new Thread(r, "infer-" + n.incrementAndGet())); // site: Model
    }
}
