package dev.threadguard.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One worker process of the process-workers sample (seed 003's ProcessPoolExecutor worker): it
 * computes rolling covariance matrices of its symbols' return windows. Every matrix product is
 * split by rows over the worker's own "math" pool and joined, like a BLAS call: a full-width pool
 * ({@code availableProcessors()} threads) in the broken form, one thread in the fixed form.
 * Prints one {@code worker:} line with its pid, threads and time.
 */
public final class FeatureWorker {
    public static void main(String[] argv) {
        Samples.launch(argv, FeatureWorker::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("feature-worker", argv);
        int threads = a.intValue("threads", Runtime.getRuntime().availableProcessors(), "math threads in this worker");
        int symbols = a.intValue("symbols", 4, "symbols this worker handles");
        int windows = a.intValue("windows", 40, "rolling windows per symbol");
        int assets = a.intValue("assets", 48, "series per window (matrix size)");
        int length = a.intValue("length", 256, "window length");
        int id = a.intValue("id", 0, "worker index");
        a.done("One worker JVM of process-workers.");

        ExecutorService math = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        long t0 = System.nanoTime();
        double checksum = 0;
        try {
            SplittableRandom r = new SplittableRandom(1234 + id);
            int stride = 4;
            double[][] series = new double[assets][length + windows * stride];
            double[][] cov = new double[assets][assets];
            for (int s = 0; s < symbols; s++) {
                for (double[] row : series) { // one symbol's return series, loaded once
                    double level = 0;
                    for (int i = 0; i < row.length; i++) row[i] = level = 0.97 * level + r.nextGaussian();
                }
                for (int w = 0; w < windows; w++) {
                    covariance(series, w * stride, length, cov, math, threads);
                    checksum += cov[w % assets][(w * 7) % assets];
                }
            }
        } finally {
            if (math != null) {
                math.shutdown();
                math.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("worker: id=%d pid=%d threads=%d matrices=%d ms=%.0f os_threads=%d checksum=%.3f%n", id,
                ProcessHandle.current().pid(), threads, symbols * windows, ms, ThreadCounts.osThreads(), checksum);
    }

    /** cov = X X^T / len over the window [from, from + len), rows split into {@code threads} stripes on the math pool. */
    static void covariance(double[][] x, int from, int len, double[][] cov, ExecutorService math, int threads) throws Exception {
        int n = x.length;
        if (math == null) {
            rows(x, from, len, cov, 0, n);
            return;
        }
        List<Future<?>> parts = new ArrayList<>(threads);
        int chunk = (n + threads - 1) / threads;
        for (int lo = 0; lo < n; lo += chunk) {
            final int first = lo;
            final int last = Math.min(n, lo + chunk);
            parts.add(math.submit(() -> rows(x, from, len, cov, first, last)));
        }
        for (Future<?> f : parts) f.get();
    }

    private static void rows(double[][] x, int from, int len, double[][] cov, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double[] xi = x[i];
            for (int j = 0; j < x.length; j++) {
                double[] xj = x[j];
                double acc = 0;
                for (int k = from; k < from + len; k++) acc += xi[k] * xj[k];
                cov[i][j] = acc / len;
            }
        }
    }
}
