package dev.threadguard.samples;

import java.util.Arrays;

/**
 * Seed 002: subsystem pools whose shares of the cores add up past the machine, all busy with CPU
 * work, so the frame-critical AI step gets a fraction of the cores and frames blow their budget.
 * {@code --fixed}: a PoolManager that budgets the cores.
 */
public final class PoolManagerSample {
    public static void main(String[] argv) {
        Samples.launch(argv, PoolManagerSample::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("pool-manager", argv);
        boolean fixed = a.flag("fixed", "budget the cores across subsystems");
        int frames = a.intValue("frames", 300, "frames to simulate");
        int agents = a.intValue("agents", 60, "walker agents stepped per frame");
        int agentWork = a.intValue("agent-work", 40000, "CPU work per agent per frame (iterations)");
        int budgetMs = a.intValue("frame-budget-ms", 30, "a frame slower than this is a slow frame");
        a.done("Seed 002: subsystem pools sized from the cores whose sum exceeds them, vs a manager that budgets the cores.");

        int cores = Runtime.getRuntime().availableProcessors();
        double[] frameMs = new double[frames];
        long jobs;
        int peakJava;
        String layout;
        int total;
        long t0;
        double wallMs;
        try (PoolManager pools = fixed ? PoolManager.budgeted(cores) : PoolManager.perSubsystem(cores);
             ThreadCounts counts = ThreadCounts.watch(50)) {
            layout = pools.layout();
            total = pools.totalThreads();
            System.out.printf("pool-manager (%s): availableProcessors()=%d, %s: %s (%d threads)%n",
                    fixed ? "fixed" : "broken", cores, pools.description(), layout, total);
            WalkerTraining training = new WalkerTraining(pools, agents, agentWork);
            for (int f = 0; f < 10; f++) training.frame(-f); // warm-up before the background starts
            training.startBackground();
            t0 = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                long s = System.nanoTime();
                training.frame(f);
                frameMs[f] = (System.nanoTime() - s) / 1e6;
            }
            wallMs = (System.nanoTime() - t0) / 1e6;
            training.stopBackground();
            jobs = training.backgroundJobs();
            peakJava = counts.peakJavaThreads();
        }
        double[] sorted = frameMs.clone();
        Arrays.sort(sorted);
        long slow = Arrays.stream(frameMs).filter(ms -> ms > budgetMs).count();
        int consecutive = 0;
        int maxConsecutive = 0;
        for (double ms : frameMs) {
            consecutive = ms > budgetMs ? consecutive + 1 : 0;
            maxConsecutive = Math.max(maxConsecutive, consecutive);
        }
        Table t = new Table("Mode", "CPU threads", "Frame p50 (ms)", "p95 (ms)", "max (ms)", "Slow frames", "Longest slow run", "Frames/s", "Bg jobs/s");
        t.row(fixed ? "fixed" : "broken", total, String.format("%.1f", sorted[frames / 2]), String.format("%.1f", sorted[(int) (frames * 0.95)]),
                String.format("%.1f", sorted[frames - 1]), slow + "/" + frames, maxConsecutive,
                String.format("%.1f", frames / (wallMs / 1000)), String.format("%.0f", jobs / (wallMs / 1000)));
        t.print(System.out);
        System.out.printf("result: sample=pool-manager mode=%s cpu_threads=%d frame_p50_ms=%.1f frame_p95_ms=%.1f slow_frames=%d frames_per_s=%.1f background_jobs_per_s=%.0f peak_java_threads=%d%n",
                fixed ? "fixed" : "broken", total, sorted[frames / 2], sorted[(int) (frames * 0.95)], slow, frames / (wallMs / 1000),
                jobs / (wallMs / 1000), peakJava);
    }
}
