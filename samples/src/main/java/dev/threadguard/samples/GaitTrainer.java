package dev.threadguard.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The nested sample's application: simulates episodes on a fixed pool with one worker per core
 * (seed 001's ThreadPool of hardware_concurrency() threads), and every step of every episode runs
 * the muscle network. With {@link MuscleNet.Inner#FORKJOIN} each pool worker lazily creates its own
 * ForkJoinPool of availableProcessors() workers, as libtorch gives every calling thread its own
 * OpenMP team: N workers x M inner threads.
 */
public final class GaitTrainer implements AutoCloseable {
    private final ExecutorService episodes;
    private final MuscleNet net;
    private final MuscleNet.Inner inner;
    private final int innerWidth;
    private final ConcurrentLinkedQueue<ForkJoinPool> innerPools = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ForkJoinPool> workerPool;

    public GaitTrainer(int workers, int innerWidth, MuscleNet net, MuscleNet.Inner inner) {
        this.episodes = Executors.newFixedThreadPool(workers);
        this.net = net;
        this.inner = inner;
        this.innerWidth = innerWidth;
        this.workerPool = ThreadLocal.withInitial(() -> {
            ForkJoinPool p = new ForkJoinPool(this.innerWidth); // one "OMP team" per calling thread
            innerPools.add(p);
            return p;
        });
    }

    /** Runs {@code count} episodes of {@code steps} steps; returns a checksum of the activations. */
    public double train(int count, int steps) throws Exception {
        List<Future<Double>> results = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            final int seed = e;
            results.add(episodes.submit(() -> episode(seed, steps)));
        }
        double sum = 0;
        for (Future<Double> f : results) sum += f.get();
        return sum;
    }

    private double episode(int seed, int steps) {
        double[] x = new double[net.inputs()];
        double[] y = new double[net.outputs()];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(seed + i);
        ForkJoinPool pool = inner == MuscleNet.Inner.FORKJOIN ? workerPool.get() : null;
        double acc = 0;
        for (int s = 0; s < steps; s++) {
            net.forward(x, y, inner, pool);
            // feed part of the activation back as the next observation (a tiny "physics" update)
            for (int i = 0; i < x.length; i++) x[i] = 0.9 * x[i] + 0.1 * y[i % y.length];
            acc += y[s % y.length];
        }
        return acc;
    }

    public int innerPoolsCreated() {
        return innerPools.size();
    }

    @Override
    public void close() throws InterruptedException {
        episodes.shutdown();
        episodes.awaitTermination(10, TimeUnit.SECONDS);
        for (ForkJoinPool p : innerPools) p.shutdown();
        for (ForkJoinPool p : innerPools) p.awaitTermination(10, TimeUnit.SECONDS);
    }
}
