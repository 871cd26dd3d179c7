package dev.threadguard.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seed 002's walker training loop: every frame steps all agents on the AI pool (split into one
 * batch per AI worker, {@code agents[i::workers]}) and runs physics helpers, while statistics,
 * background maintenance and evaluation keep their pools busy with CPU work the whole time.
 */
public final class WalkerTraining {
    private final PoolManager pools;
    private final int agents;
    private final int agentWork;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong backgroundJobs = new AtomicLong();
    private volatile double sink;

    public WalkerTraining(PoolManager pools, int agents, int agentWork) {
        this.pools = pools;
        this.agents = agents;
        this.agentWork = agentWork;
    }

    /** Starts the background subsystems: each keeps two jobs per worker queued, all CPU-bound. */
    public void startBackground() {
        running.set(true);
        for (PoolManager.Subsystem s : List.of(PoolManager.Subsystem.STATS, PoolManager.Subsystem.BACKGROUND,
                PoolManager.Subsystem.EVALUATION)) {
            ExecutorService p = pools.pool(s);
            for (int i = 0; i < 2 * pools.threads(s); i++) resubmitting(p, s.ordinal() * 1000 + i);
        }
    }

    private void resubmitting(ExecutorService p, int seed) {
        if (!running.get()) return;
        try {
            p.execute(() -> {
                sink += Work.burn(agentWork * 4, seed); // e.g. a leaderboard recompute, one evaluation episode
                backgroundJobs.incrementAndGet();
                resubmitting(p, seed + 1);
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the manager is closing
        }
    }

    public void stopBackground() {
        running.set(false);
    }

    public long backgroundJobs() {
        return backgroundJobs.get();
    }

    /** One frame: all agents stepped on the AI pool, physics helpers on the physics pool. */
    public void frame(int frameNo) throws Exception {
        ExecutorService ai = pools.pool(PoolManager.Subsystem.AI);
        ExecutorService physics = pools.pool(PoolManager.Subsystem.PHYSICS);
        int batches = pools.threads(PoolManager.Subsystem.AI);
        List<Future<?>> work = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            final int first = b;
            work.add(ai.submit(() -> {
                double acc = 0;
                for (int agent = first; agent < agents; agent += batches) acc += Work.burn(agentWork, frameNo * 31 + agent);
                sink += acc;
            }));
        }
        for (int h = 0; h < 4; h++) {
            final int helper = h;
            work.add(physics.submit(() -> {
                sink += Work.burn(agentWork * agents / 16, frameNo * 7 + helper); // contact sorting, broad phase
            }));
        }
        for (Future<?> f : work) f.get();
    }

    /** CPU work that the JIT cannot remove. */
    static final class Work {
        static double burn(int iterations, int seed) {
            double x = seed * 1e-3 + 0.5;
            double acc = 0;
            for (int i = 0; i < iterations; i++) {
                x = x * 3.7 * (1 - x); // logistic map: data-dependent, cannot be hoisted
                acc += x;
            }
            return acc;
        }
    }
}
