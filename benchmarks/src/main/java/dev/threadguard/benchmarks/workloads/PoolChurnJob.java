package dev.threadguard.benchmarks.workloads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pool per request: 1,000,000 fixed pools created and shut down without a task (issue 10's shape),
 * after 1,000,000 to warm up. Pools per second of wall time, the creating thread's CPU per pool
 * (the agent's hooks run on it; with a recording, so does writing the events) and the whole
 * process's CPU per pool (JFR's recorder thread, GC and the agent's sampler included), and the bytes the
 * creating thread allocated per pool (what the GC's threads then collect).
 *
 * <p>With {@code -Dbench.poolEvent=true} the program commits one JFR event with a stack trace per
 * pool, the yardstick of issue 10 ("JFR's own cost of one event with a stack per pool"), from as
 * deep a stack as the pool's creation stack (the three JDK frames of newFixedThreadPool), since
 * JFR's cost of a stack trace grows with its depth.
 */
final class PoolChurnJob {
    private PoolChurnJob() {}

    static final int POOLS = 1_000_000;
    private static final boolean EVENT = Boolean.getBoolean("bench.poolEvent");

    static String run() {
        churn(POOLS);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long bytes0 = allocated(mx);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long process0 = Workload.processCpu();
        long t0 = System.nanoTime();
        churn(POOLS);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpuPerPool = (mx.getCurrentThreadCpuTime() - cpu0) / (double) POOLS;
        double processPerPool = (Workload.processCpu() - process0) / (double) POOLS;
        double bytesPerPool = (allocated(mx) - bytes0) / (double) POOLS;
        return Workload.fmt("pools_per_s=%.1f seconds_cpu_per_million=%.3f seconds_process_cpu_per_million=%.3f bytes_per_pool=%.0f",
            POOLS / s, cpuPerPool * 1e6 / 1e9, processPerPool * 1e6 / 1e9, bytesPerPool);
    }

    /** Bytes the creating thread allocated (the GC's work, which the process CPU sees); -1 where the JVM does not say. */
    private static long allocated(ThreadMXBean mx) {
        return mx instanceof com.sun.management.ThreadMXBean
            ? ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
    }

    private static void churn(int total) {
        for (int i = 0; i < total; i++) {
            ExecutorService p = Executors.newFixedThreadPool(4);
            if (EVENT) {
                made(i, 2);
            }
            p.shutdown();
        }
    }

    /** Commits the event {@code depth} frames below the loop, plus this frame: the creation stack's depth. */
    static void made(long id, int depth) {
        if (depth > 0) {
            made(id, depth - 1);
            return;
        }
        PoolMade e = new PoolMade();
        e.poolId = id;
        e.commit();
    }

    @jdk.jfr.Name("benchmarks.PoolMade")
    @jdk.jfr.StackTrace(true)
    static final class PoolMade extends jdk.jfr.Event {
        long poolId;
    }
}
