package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolTimeline;
import java.util.Map;

/**
 * Cores that processes outside the recordings used in a time bucket: jdk.CPULoad's machine total less
 * the recorded JVMs' own share, times the host's processors. When they take a large part of the
 * machine, the recorded threads wait for a CPU because of them, and that wait says nothing about the
 * recorded pools: the rules leave such seconds out rather than blame the pools.
 */
final class OtherLoad {
    private OtherLoad() {}

    /** Cores used by other processes in the bucket; NaN when the recordings have no jdk.CPULoad there. */
    static double cores(Model model, PoolTimeline.Bucket b, int procs) {
        double machine = -1;
        double jvms = 0;
        for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
            if (e.getKey().poolId() == PoolTimeline.CPU_LOAD && e.getValue().samples > 0) {
                machine = Math.max(machine, e.getValue().sizeSum / e.getValue().samples);
                jvms += e.getValue().busySum / e.getValue().samples;
            }
        }
        if (machine < 0) {
            return Double.NaN;
        }
        int host = model.processes.get(0).host.hostProcessors();
        return Math.max(0, machine - jvms) * (host > 0 ? host : procs);
    }

    /**
     * What these pools' threads waited for a CPU over the seconds other processes did not crowd (a pool's
     * threads wait there because of others): {share of their runnable time, threads waiting on average};
     * NaN for both when nothing was measured there.
     */
    static double[] wait(Model model, int process, java.util.Set<Long> poolIds, double maxShare) {
        int procs = model.processors();
        long cpu = 0;
        long wait = 0;
        Map<Long, long[]> perPool = new java.util.HashMap<>(); // wait, interval
        for (PoolTimeline.Bucket b : model.timeline.buckets()) {
            if (procs > 0 && busy(model, b, procs, maxShare)) {
                continue;
            }
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                PoolTimeline.Acc a = e.getValue();
                if (e.getKey().process() == process && poolIds.contains(e.getKey().poolId()) && a.osMeasured()) {
                    cpu += a.osCpuNanos;
                    wait += a.osWaitNanos;
                    long[] w = perPool.computeIfAbsent(e.getKey().poolId(), k -> new long[2]);
                    w[0] += a.osWaitNanos;
                    w[1] += a.osIntervalNanos;
                }
            }
        }
        if (cpu + wait <= 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double waiting = perPool.values().stream().mapToDouble(w -> w[1] <= 0 ? 0 : (double) w[0] / w[1]).sum();
        return new double[] {(double) wait / (cpu + wait), waiting};
    }

    /** True when other processes used at least {@code maxShare} of the processors in the bucket. */
    static boolean busy(Model model, PoolTimeline.Bucket b, int procs, double maxShare) {
        double c = cores(model, b, procs);
        return !Double.isNaN(c) && c >= maxShare * procs;
    }
}
