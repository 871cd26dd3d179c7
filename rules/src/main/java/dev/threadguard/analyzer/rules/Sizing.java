package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.PoolStats;
import java.util.List;

/**
 * Pool sizes computed from what was measured on the pool, each with the reason: CPU-bound work gets
 * processors x U; work that also waits off the CPU (I/O, locks) gets processors x U x (1 + W/C), with
 * W/C the pool's measured off-CPU to on-CPU time while running tasks (Goetz's formula).
 */
public final class Sizing {
    private Sizing() {}

    /** Below this W/C a pool counts as CPU-bound. */
    static final double CPU_BOUND_WC = 0.1;
    /** Fewer samples than this, or a shorter run, and the advice says it may not hold. */
    static final int MIN_SAMPLES = 10;

    public record Advice(int size, double waitToCompute, String rationale) {}

    /** Off-CPU time per on-CPU time of the pool's busy workers; NaN when the CPU time is unknown. */
    public static double waitToCompute(PoolStats p) {
        double cpu = p.osMeasured() ? p.osCpuNanos : p.busyCpuNanos;
        if (cpu <= 0 || p.busyWorkerNanos <= 0) {
            return Double.NaN;
        }
        double offCpu = Math.max(0, p.busyWorkerNanos - cpu - p.runQueueWaitNanos);
        return offCpu / cpu;
    }

    /** The size for a pool given a share of the processors and a target utilization U (0..1]. */
    public static Advice forPool(PoolStats p, double processors, double utilization) {
        double wc = waitToCompute(p);
        String basis = basis(p);
        if (Double.isNaN(wc) || wc < CPU_BOUND_WC) {
            int size = Math.max(1, (int) Math.floor(processors * utilization + 1e-9));
            return new Advice(size, wc, "CPU-bound" + (Double.isNaN(wc) ? "" : " (W/C " + Fmt.num(Fmt.round(wc, 2))
                    + ")") + ": " + Fmt.num(Fmt.round(processors, 1)) + " processors x U " + Fmt.num(utilization)
                    + " = " + size + ", " + basis);
        }
        int size = Math.max(1, (int) Math.ceil(processors * utilization * (1 + wc) - 1e-9));
        return new Advice(size, wc, "waits off-CPU W/C " + Fmt.num(Fmt.round(wc, 2)) + ": "
                + Fmt.num(Fmt.round(processors, 1)) + " processors x U " + Fmt.num(utilization) + " x (1 + W/C) = "
                + size + ", " + basis);
    }

    /** What an advice was computed from, and a warning when that is too little to be sure. */
    static String basis(PoolStats p) {
        double seconds = p.intervalNanos / 1e9;
        String s = "from " + p.samples + " samples over " + Fmt.num(Fmt.round(seconds, 1)) + " s, peak "
                + p.peakBusy() + " busy";
        return p.samples < MIN_SAMPLES || seconds < MIN_SAMPLES ? s + " (a short run: measure longer to be sure)" : s;
    }

    /** Sizes per pool in proportion to their weights, at least 1 each, adding up to the processors. */
    static String split(List<String> labels, List<Double> weights, int procs) {
        int n = labels.size();
        if (n < 2 || n > procs || n > 6) {
            return "";
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
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(labels.get(i)).append(" = ").append(size[i]);
        }
        return sb.toString();
    }
}
