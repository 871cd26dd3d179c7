package dev.threadguard.samples;

import java.util.Arrays;
import java.util.List;

/**
 * Seed 000: a BatchEnv whose pool is sized to {@code availableProcessors()} instead of to the
 * number of environments. Run it with {@code -XX:ActiveProcessorCount=56} to play the 56-core
 * cluster: 56 workers for 2..32 environments.
 */
public final class RolloutSample {
    public static void main(String[] argv) {
        Samples.launch(argv, RolloutSample::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("rollout", argv);
        boolean fixed = a.flag("fixed", "size the pool to the number of environments instead of availableProcessors()");
        List<Integer> envCounts = a.intList("envs", List.of(2, 4, 8, 16, 32), "environment counts to benchmark");
        int steps = a.intValue("steps", 256, "steps per rollout");
        int iterations = a.intValue("iterations", 25, "timed rollouts per environment count, at least (median is reported)");
        int minMillis = a.intValue("min-ms", 1000, "keep rolling out each environment count for at least this long");
        int links = a.intValue("links", 8, "links per pendulum chain (work per step)");
        int substeps = a.intValue("substeps", 8, "physics substeps per step (work per step)");
        String dispatch = a.string("dispatch", "per-env", "how a step is split: per-env (one task per environment) or striped (one stripe of environments per pool worker, waking every worker each step)");
        if (!dispatch.equals("striped") && !dispatch.equals("per-env")) {
            throw new Args.UsageException("rollout: --dispatch is striped or per-env, got '" + dispatch + "'");
        }
        a.done("Seed 000: BatchEnv stepping N environments on a pool sized to the cores vs to N.");
        if (iterations < 1 || steps < 1 || links < 1 || substeps < 1) {
            throw new Args.UsageException("rollout: --iterations, --steps, --links and --substeps must be at least 1");
        }

        int cpus = Runtime.getRuntime().availableProcessors();
        System.out.printf("rollout (%s): availableProcessors()=%d, pool = %s, %d steps/rollout, %s dispatch, median of >= %d rollouts and >= %d ms per count%n",
                fixed ? "fixed" : "broken", cpus, fixed ? "newFixedThreadPool(numEnvs)" : "newFixedThreadPool(availableProcessors())",
                steps, dispatch, iterations, minMillis);

        Table t = new Table("Num Envs", "Pool", "Rollout (ms)", "Steps/s", "Efficiency", "OS threads");
        double baseMs = -1;
        double totalMs = 0;
        long totalSteps = 0;
        int peakOs = 0;
        long start = System.nanoTime();
        try (ThreadCounts counts = ThreadCounts.watch(50)) {
            for (int n : envCounts) {
                double[] ms = new double[iterations];
                int done = 0;
                int poolThreads;
                int osThreads;
                try (BatchEnv env = new BatchEnv(n, links, substeps, fixed, dispatch.equals("per-env"))) {
                    env.rollout(steps); // warm-up: JIT and the pool's workers
                    env.rollout(steps);
                    long phaseStart = System.nanoTime();
                    while (done < iterations || (System.nanoTime() - phaseStart) / 1_000_000 < minMillis) {
                        long t0 = System.nanoTime();
                        env.rollout(steps);
                        if (done == ms.length) ms = Arrays.copyOf(ms, ms.length * 2);
                        ms[done++] = (System.nanoTime() - t0) / 1e6;
                    }
                    poolThreads = env.poolThreads();
                    osThreads = ThreadCounts.osThreads();
                }
                ms = Arrays.copyOf(ms, done);
                Arrays.sort(ms);
                double median = ms[done / 2];
                if (baseMs < 0) baseMs = median;
                double sps = n * steps / (median / 1000.0);
                double efficiency = baseMs / median * 100.0;
                t.row(n, poolThreads, String.format("%.1f", median), String.format("%.0f", sps),
                        String.format("%.1f%%", efficiency), osThreads);
                totalMs += median;
                totalSteps += (long) n * steps;
            }
            peakOs = counts.peakOsThreads();
        }
        t.print(System.out);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("result: sample=rollout mode=%s rollout_ms_sum=%.1f steps_per_s=%.0f peak_os_threads=%d wall_s=%.1f%n",
                fixed ? "fixed" : "broken", totalMs, totalSteps / (totalMs / 1000.0), peakOs, wall);
    }
}
