package dev.threadguard.benchmarks.workloads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pool per request: 1,000,000 fixed pools created and shut down without a task (issue 10's shape),
 * after 1,000,000 to warm up. Pools per second of wall time, and the creating thread's CPU per pool
 * (the agent's hooks run on it; with a recording, so does writing the events).
 */
final class PoolChurnJob {
    private PoolChurnJob() {}

    static final int POOLS = 1_000_000;

    static String run() {
        churn(POOLS);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        churn(POOLS);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpuPerPool = (mx.getCurrentThreadCpuTime() - cpu0) / (double) POOLS;
        return Workload.fmt("pools_per_s=%.1f seconds_cpu_per_million=%.3f", POOLS / s, cpuPerPool * 1e6 / 1e9);
    }

    private static void churn(int total) {
        for (int i = 0; i < total; i++) {
            ExecutorService p = Executors.newFixedThreadPool(4);
            p.shutdown();
        }
    }
}
