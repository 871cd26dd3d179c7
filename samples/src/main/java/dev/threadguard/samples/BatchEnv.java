package dev.threadguard.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Steps N environments in parallel, one task per environment per step, on its own thread pool;
 * the Java shape of seed 000's {@code BatchRolloutEnv}. The broken form sizes the pool to the
 * machine ({@code availableProcessors()}, 56 on the cluster); the fixed form to the number of
 * environments, the one change the incident's fix made.
 */
public final class BatchEnv implements AutoCloseable {
    private final int numEnvs;
    private final ExecutorService pool;
    private final List<PendulumChainEnv> envs = new ArrayList<>();
    private final LinearPolicy policy;
    private final double[][] observations;
    private final double[] rewards;
    private final int workerCount;
    private final boolean perEnvTasks;

    public BatchEnv(int numEnvs, int links, int substeps, boolean sizeToEnvs, boolean perEnvTasks) {
        this.numEnvs = numEnvs;
        if (sizeToEnvs) {
            this.pool = Executors.newFixedThreadPool(numEnvs); // fixed: one worker per environment
        } else {
            this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        }
        this.workerCount = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        this.perEnvTasks = perEnvTasks;
        for (int i = 0; i < numEnvs; i++) envs.add(new PendulumChainEnv(links, substeps, 1000L + i));
        this.policy = new LinearPolicy(32, 7);
        this.observations = new double[numEnvs][PendulumChainEnv.OBS_SIZE];
        this.rewards = new double[numEnvs];
    }

    /**
     * One rollout: {@code numSteps} synchronous steps of every environment; returns the mean reward.
     * Each step is a parallel-for over the environments followed by a barrier: one task per
     * environment ({@code perEnvTasks}), or one stripe of environments per pool worker (worker w
     * steps environments w, w + workers, ...), which wakes every worker each step like the
     * incident's C++ ThreadPool.
     */
    public double rollout(int numSteps) throws InterruptedException {
        java.util.Arrays.fill(rewards, 0);
        for (int step = 0; step < numSteps; step++) {
            if (perEnvTasks) {
                stepPerEnvTask();
            } else {
                stepStriped();
            }
        }
        double sum = 0;
        for (double r : rewards) sum += r;
        return sum / (numEnvs * (double) numSteps);
    }

    private void stepEnv(int env) {
        PendulumChainEnv e = envs.get(env);
        e.observe(observations[env]);
        rewards[env] += e.step(policy.act(observations[env]));
    }

    private void stepStriped() throws InterruptedException {
        int workers = workerCount;
        CountDownLatch done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            final int first = w;
            pool.execute(() -> {
                try {
                    for (int env = first; env < numEnvs; env += workers) stepEnv(env);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    private void stepPerEnvTask() throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            final int env = i;
            futures.add(pool.submit(() -> stepEnv(env)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("environment step failed", e.getCause());
            }
        }
    }

    public int numEnvs() {
        return numEnvs;
    }

    /** Worker threads the pool started (its largest size). */
    public int poolThreads() {
        return ((java.util.concurrent.ThreadPoolExecutor) pool).getLargestPoolSize();
    }

    public int poolSize() {
        return ((java.util.concurrent.ThreadPoolExecutor) pool).getMaximumPoolSize();
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
