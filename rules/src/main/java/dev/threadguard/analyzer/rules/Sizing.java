package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import java.util.List;

/**
 * Pool sizes computed from what was measured on the pool, each with the reason: CPU-bound work gets
 * its share of the processors x U; work that also waits off the CPU (I/O, locks) gets share x U x
 * (1 + W/C), with W/C the pool's off-CPU to on-CPU time while running tasks (Goetz's formula) as the
 * OS saw it. Never below the most tasks the pool ran at once in seconds its threads did not wait for
 * a CPU: that concurrency its work needed, not an oversubscription's.
 */
public final class Sizing {
    private Sizing() {}

    /** Below this W/C a pool counts as CPU-bound. */
    static final double CPU_BOUND_WC = 0.1;
    /** Fewer samples than this, or a shorter run, and the advice says it may not hold. */
    static final int MIN_SAMPLES = 10;
    /** A second in which a pool's threads waited less than this share of their runnable time shows its own concurrency. */
    static final double UNCONTENDED_WAIT = 0.1;

    public record Advice(int size, double waitToCompute, String rationale) {}

    /**
     * Off-CPU time per computing time of the pool's busy workers; NaN when unknown. With the OS's readings:
     * of the busy workers, those in state R at the samples were computing (on a CPU, or waiting for one
     * they would compute on), the others off the CPU (blocked, sleeping). Counting threads, not CPU time,
     * keeps it from growing with the machine's load: a loaded machine's CPU time per busy thread shrinks
     * (and the kernel books run-queue waits late, when a thread next runs: busy time less CPU less the wait
     * booked so far read 16 spinning threads as W/C 10).
     */
    public static double waitToCompute(PoolStats p) {
        if (p.osMeasured() && p.osSamples > 0 && p.samples > 0) {
            double computing = (double) p.osRunnableSum / p.osSamples;
            double offCpu = Math.max(0, p.meanBusy() - computing);
            return computing > 0 ? offCpu / computing : Double.NaN;
        }
        double cpu = p.busyCpuNanos;
        if (cpu <= 0 || p.busyWorkerNanos <= 0) {
            return Double.NaN;
        }
        return Math.max(0, p.busyWorkerNanos - cpu - p.runQueueWaitNanos) / cpu;
    }

    /**
     * The size for a pool given its {@code share} of the {@code procs} processors and a target utilization
     * U (0..1]; the model gives the seconds in which its threads did not wait for a CPU.
     */
    public static Advice forPool(Model model, PoolStats p, int share, int procs, double utilization) {
        return forPool(model, p, share, share == procs ? procs + " processors"
                : share + " of the " + procs + " processors (its share by demand)", utilization);
    }

    /** As above, {@code of} saying what the share is ("1 processor (one per pool)"). */
    static Advice forPool(Model model, PoolStats p, int share, String of, double utilization) {
        double wc = waitToCompute(p);
        boolean cpuBound = Double.isNaN(wc) || wc < CPU_BOUND_WC;
        int size = cpuBound ? Math.max(1, (int) Math.floor(share * utilization + 1e-9))
                : Math.max(1, (int) Math.ceil(share * utilization * (1 + wc) - 1e-9));
        String why = (cpuBound ? "CPU-bound" + (Double.isNaN(wc) ? "" : " (W/C " + Fmt.num(Fmt.round(wc, 2)) + ")") + ": "
                + of + " x U " + Fmt.num(utilization)
                : "waits off-CPU W/C " + Fmt.num(Fmt.round(wc, 2)) + ": " + of + " x U " + Fmt.num(utilization)
                        + " x (1 + W/C)") + " = " + size;
        int needed = uncontendedPeak(model, p);
        int width = p.width();
        if (needed > size) {
            size = needed;
            why += ", raised to " + needed + ": the most tasks it ran at once in seconds its threads did not wait for a CPU";
        } else if (width > 0 && size > width) {
            // its threads already wanted more CPUs than exist: more of them cannot help
            size = width;
            why += ", kept at its " + width + " threads";
        }
        return new Advice(size, wc, why + ", " + basis(p));
    }

    /**
     * The most workers of the pool running tasks at once in a second its threads waited less than
     * {@link #UNCONTENDED_WAIT} of their runnable time for a CPU (OS-measured): the concurrency its work
     * needed. -1 when no such second was measured. Where threads wait for a CPU, tasks finish late and
     * more are running at once than the work needs (the rollout's 8 tasks a step read 27 busy).
     */
    static int uncontendedPeak(Model model, PoolStats p) {
        int peak = -1;
        PoolTimeline.Key key = new PoolTimeline.Key(p.process, p.id);
        for (PoolTimeline.Bucket b : model.timeline.buckets()) {
            PoolTimeline.Acc a = b.pools().get(key);
            if (a == null || !a.osMeasured() || a.samples == 0) {
                continue;
            }
            long runnable = a.osCpuNanos + a.osWaitNanos;
            if (runnable > 0 && (double) a.osWaitNanos / runnable < UNCONTENDED_WAIT) {
                peak = Math.max(peak, a.maxBusy);
            }
        }
        return peak;
    }

    /** What an advice was computed from, and a warning when that is too little to be sure. */
    static String basis(PoolStats p) {
        double seconds = p.intervalNanos / 1e9;
        String s = "from " + p.samples + " samples over " + Fmt.num(Fmt.round(seconds, 1)) + " s, peak "
                + p.peakBusy() + " busy";
        return p.samples < MIN_SAMPLES || seconds < MIN_SAMPLES ? s + " (a short run: measure longer to be sure)" : s;
    }

    /**
     * Whole processors per pool in proportion to their weights, at least 1 each, adding up to {@code procs}
     * (largest remainder); null when there are more pools than processors.
     */
    static int[] shares(List<Double> weights, int procs) {
        int n = weights.size();
        if (n == 0 || n > procs) {
            return null;
        }
        int[] size = new int[n];
        int left = procs - n;
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            double want = weights.get(i) * procs - 1;
            size[i] = 1 + (int) Math.max(0, Math.floor(Math.min(want, left)));
            rest[i] = want - (size[i] - 1);
        }
        int used = 0;
        for (int v : size) {
            used += v;
        }
        while (used < procs) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (rest[i] > rest[best]) {
                    best = i;
                }
            }
            size[best]++;
            rest[best] -= 1;
            used++;
        }
        while (used > procs) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (size[i] > 1 && (best < 0 || rest[i] < rest[best])) {
                    best = i;
                }
            }
            size[best]--;
            rest[best] += 1;
            used--;
        }
        return size;
    }

    /** Sizes per pool in proportion to their weights, at least 1 each, adding up to the processors. */
    static String split(List<String> labels, List<Double> weights, int procs) {
        int n = labels.size();
        int[] size = n < 2 || n > 6 ? null : shares(weights, procs);
        if (size == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(labels.get(i)).append(" = ").append(size[i]);
        }
        return sb.toString();
    }
}
