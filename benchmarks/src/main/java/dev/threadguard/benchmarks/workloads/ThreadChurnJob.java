package dev.threadguard.benchmarks.workloads;

/**
 * Thread churn: 40,000 short threads, started and joined four at a time, after as many to warm up. Threads
 * per second, and the process's CPU per thread. The warm-up outlasts the one-time work that runs beside
 * the program's first second (the agent starts its recording on a background thread, where plain JFR
 * starts before main; the JIT compiles the hooks), so the ratio is the cost per thread.
 */
final class ThreadChurnJob {
    private ThreadChurnJob() {}

    static final int THREADS = 40_000;

    static String run() throws InterruptedException {
        churn(THREADS);
        long process0 = Workload.processCpu();
        long t0 = System.nanoTime();
        churn(THREADS);
        double s = (System.nanoTime() - t0) / 1e9;
        double processPerThread = (Workload.processCpu() - process0) / (double) THREADS;
        return Workload.fmt("threads_per_s=%.1f seconds_process_cpu_per_million=%.3f", THREADS / s, processPerThread * 1e6 / 1e9);
    }

    private static void churn(int total) throws InterruptedException {
        Thread[] batch = new Thread[4];
        for (int i = 0; i < total; i += 4) {
            for (int j = 0; j < 4; j++) {
                batch[j] = new Thread(() -> { }, "churn-" + (i + j));
                batch[j].start();
            }
            for (Thread t : batch) {
                t.join();
            }
        }
    }
}
