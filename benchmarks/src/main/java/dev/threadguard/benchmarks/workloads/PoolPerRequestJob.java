package dev.threadguard.benchmarks.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A pool per request as applications have it: a fixed pool of 4 created, given 4 short tasks, shut down
 * and waited for, 5,000 times after as many to warm up. Where the {@code pools} workload isolates what
 * a pool's creation costs (no task, no thread), this is that cost next to the threads such a pool
 * starts, which plain JFR already records (jdk.ThreadStart with a stack). Pools per second of wall
 * time, the whole process's CPU per pool, and the same without the JIT compiler threads' (C2 still
 * compiles for seconds into the measured half of so short a run: one-time work, not the per-pool cost). {@code -Dbench.poolEvent=true} adds the yardstick's event
 * with a stack per pool, as in {@link PoolChurnJob}.
 */
final class PoolPerRequestJob {
    private PoolPerRequestJob() {}

    static final int POOLS = 5_000;
    static final int TASKS = 4;
    private static final boolean EVENT = Boolean.getBoolean("bench.poolEvent");

    static String run() throws InterruptedException {
        requests(Integer.getInteger("bench.warmPools", POOLS));
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        long process0 = Workload.processCpu();
        long compiler0 = Workload.compilerCpu();
        long t0 = System.nanoTime();
        requests(POOLS);
        double s = (System.nanoTime() - t0) / 1e9;
        long process = Workload.processCpu() - process0;
        double processPerPool = process / (double) POOLS;
        double withoutJitPerPool = (process - (Workload.compilerCpu() - compiler0)) / (double) POOLS;
        long jitMillis = jit.getTotalCompilationTime() - jit0;
        return Workload.fmt("pools_per_s=%.1f seconds_process_cpu_per_thousand=%.3f seconds_cpu_without_jit_per_thousand=%.3f jit_ms=%d",
            POOLS / s, processPerPool * 1e3 / 1e9, withoutJitPerPool * 1e3 / 1e9, jitMillis);
    }

    private static void requests(int total) throws InterruptedException {
        for (int i = 0; i < total; i++) {
            ExecutorService p = Executors.newFixedThreadPool(TASKS);
            if (EVENT) {
                PoolChurnJob.made(i, 2);
            }
            CountDownLatch done = new CountDownLatch(TASKS);
            for (int t = 0; t < TASKS; t++) {
                p.execute(done::countDown);
            }
            done.await();
            p.shutdown();
            p.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
