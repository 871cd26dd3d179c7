package dev.threadguard.analyzer.programs;

/**
 * Seeds 001/003. broken: each of 4 inference workers runs an OpenMP-style native pool of 4 threads (the
 * OS census gets native thread ids named like the worker, as native threads inherit their creator's
 * name). fixed: OMP_NUM_THREADS=1, no native threads: the real census of this JVM must show none.
 */
public final class NativeProgram {
    public static void main(String[] args) throws Exception {
        boolean broken = args[0].equals("broken");
        MiniAgent.Pool pool = MiniAgent.fixed("Inference fixed(4)", "Model.<init>(Model.java:21)", 4, "");
        if (broken) {
            for (int i = 1; i <= 4; i++) {
                MiniAgent.nativeThreads("Inference fixed(4)-" + i, 4);
            }
        }
        MiniAgent.start(-2);
        for (int round = 0; round < 3; round++) {
            Work.runAll(pool, 4, () -> Work.sleep(1000));
        }
        MiniAgent.finish();
        pool.shutdown();
    }
}
