package dev.threadguard.samples;

import java.util.concurrent.ForkJoinPool;

/**
 * Seed 001: a pool with one worker per core whose tasks each parallelise again, M wide, so N x M
 * threads compete for N cores. {@code --fixed} keeps the outer pool and makes the inner work
 * sequential (the incident's OMP_NUM_THREADS=1). Play an 8-core machine with
 * {@code -XX:ActiveProcessorCount=8}: 8 workers x 8-wide inner pools = 64 inner threads.
 */
public final class NestedSample {
    public static void main(String[] argv) {
        Samples.launch(argv, NestedSample::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("nested", argv);
        boolean fixed = a.flag("fixed", "inner work sequential (one level owns the parallelism)");
        String innerName = a.string("inner", "forkjoin", "inner parallelism of the broken form: forkjoin (a ForkJoinPool per worker) or stream (parallel stream, common pool)");
        int cpus = Runtime.getRuntime().availableProcessors();
        int workers = a.intValue("workers", cpus, "outer pool workers (availableProcessors())");
        int width = a.intValue("width", cpus, "inner ForkJoinPool parallelism (availableProcessors())");
        int episodes = a.intValue("episodes", 256, "episodes to simulate");
        int steps = a.intValue("steps", 300, "steps per episode");
        int size = a.intValue("size", 96, "network width (inputs = outputs)");
        a.done("Seed 001: nested parallelism, N pool workers each running an M-wide inner pool, vs inner work sequential.");

        MuscleNet.Inner inner;
        if (fixed) {
            inner = MuscleNet.Inner.SEQUENTIAL;
        } else if (innerName.equals("forkjoin")) {
            inner = MuscleNet.Inner.FORKJOIN;
        } else if (innerName.equals("stream")) {
            inner = MuscleNet.Inner.STREAM;
        } else {
            throw new Args.UsageException("nested: --inner is forkjoin or stream, got '" + innerName + "'");
        }
        int innerWidth = inner == MuscleNet.Inner.STREAM ? ForkJoinPool.getCommonPoolParallelism()
                : inner == MuscleNet.Inner.FORKJOIN ? width : 1;
        System.out.printf("nested (%s): availableProcessors()=%d, outer pool %d workers, inner %s (width %d), %d episodes x %d steps, net %dx%d%n",
                fixed ? "fixed" : "broken", cpus, workers, inner.name().toLowerCase(), innerWidth, episodes, steps, size, size);

        MuscleNet net = new MuscleNet(size, size, 42);
        long wallNs;
        int innerPools;
        int peakJava;
        int peakOs;
        try (ThreadCounts counts = ThreadCounts.watch(20);
             GaitTrainer trainer = new GaitTrainer(workers, width, net, inner)) {
            trainer.train(Math.min(episodes, workers), Math.min(steps, 50)); // warm-up
            long t0 = System.nanoTime();
            trainer.train(episodes, steps);
            wallNs = System.nanoTime() - t0;
            innerPools = trainer.innerPoolsCreated();
            peakJava = counts.peakJavaThreads();
            peakOs = counts.peakOsThreads();
        }
        double ms = wallNs / 1e6;
        long totalSteps = (long) episodes * steps;
        Table t = new Table("Mode", "Outer", "Inner", "N x M", "Inner pools", "Wall (ms)", "Steps/s", "Peak Java thr", "Peak OS thr");
        t.row(fixed ? "fixed" : "broken", workers, inner.name().toLowerCase() + "/" + innerWidth, workers * innerWidth,
                innerPools, String.format("%.0f", ms), String.format("%.0f", totalSteps / (ms / 1000)), peakJava, peakOs);
        t.print(System.out);
        System.out.printf("result: sample=nested mode=%s wall_ms=%.0f steps_per_s=%.0f peak_java_threads=%d peak_os_threads=%d%n",
                fixed ? "fixed" : "broken", ms, totalSteps / (ms / 1000), peakJava, peakOs);
    }
}
