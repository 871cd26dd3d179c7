package dev.threadguard.analyzer.programs;

/**
 * Seed 000. broken: a pool of availableProcessors() workers (run with -XX:ActiveProcessorCount=16) that
 * only ever runs 4 environments at once. fixed: the pool sized to the 4 environments. saturated: the
 * 16-worker pool with far more queued work than workers (right-sized for batch work).
 */
public final class SizedToCoresProgram {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Runtime.getRuntime().availableProcessors();
        MiniAgent.start(-2);
        int envs = 4;
        boolean sizedToCores = !mode.equals("fixed");
        int size = sizedToCores ? n : envs;
        String name = args.length > 1 ? args[1] : "BatchEnv.<init>:44 fixed(" + size + ")";
        MiniAgent.Pool pool = MiniAgent.fixed(name, "BatchEnv.<init>(BatchEnv.java:44)", size,
                sizedToCores ? "n" : "");
        if (mode.equals("saturated")) {
            Work.runAll(pool, 1200, () -> Work.sleep(45));
        } else {
            for (int round = 0; round < 4; round++) {
                Work.runAll(pool, envs, () -> Work.sleep(1000));
                Thread.sleep(60); // let the workers finish afterExecute before the next round
            }
        }
        MiniAgent.finish();
        pool.shutdown();
    }
}
