package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 000, run under the real agent. broken: a pool of availableProcessors() workers (run with
 * -XX:ActiveProcessorCount=16) that only ever runs 4 environments at once. fixed: the pool sized to the 4
 * environments. saturated: the 16-worker pool with far more queued work than workers (right-sized for
 * batch work).
 */
public final class SizedToCoresProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        String mode = args[0];
        int envs = 4;
        BatchEnv env = new BatchEnv(mode.equals("fixed") ? envs : Runtime.getRuntime().availableProcessors());
        if (mode.equals("saturated")) {
            Work.runAll(env.pool, 1200, () -> Work.sleep(45));
        } else {
            for (int round = 0; round < 4; round++) {
                Work.runAll(env.pool, envs, () -> Work.sleep(1000));
                Thread.sleep(60); // let the workers finish afterExecute before the next round
            }
        }
        env.pool.shutdown();
    }
}

/** Where the pool is created: the finding's location. */
final class BatchEnv {
    final ExecutorService pool;

    BatchEnv(int size) {
        pool = Executors.newFixedThreadPool(size); // site: BatchEnv
    }
}
