package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolTimeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What pools-exceed-cores measured: per second, the pools' own demand for the processors ({@link OwnSecond})
 * and their wait, the seconds in which that demand exceeded the processors and the pools waited (hot), and
 * which pools wanted the CPUs there (ranked by demand, the largest first). Pools a nested-parallelism finding
 * states the wait of are left out.
 */
final class Oversubscribed {
    int measured;
    int leftOut;
    int warmUpLeftOut;
    int crowded;
    int hot;
    double demandSum;
    double peakDemand;
    double hotCpu;
    double hotWait;
    /** Per pool in the hot seconds: demand sum, wait, CPU. */
    final Map<PoolTimeline.Key, double[]> contrib = new HashMap<>();
    final Set<PoolTimeline.Key> leftToNested = new HashSet<>();

    static Oversubscribed of(Model model, Thresholds t, int procs) {
        Oversubscribed o = new Oversubscribed();
        // pools whose wait a nested-parallelism finding states already: one finding per cause
        Set<PoolTimeline.Key> nested = t.has(NestedParallelism.RATIO) ? NestedParallelism.explained(model, t) : Set.of();
        double saturated = t.get(PoolsExceedCores.SATURATED);
        for (PoolTimeline.Bucket b : model.timeline.buckets()) {
            for (PoolTimeline.Key k : b.pools().keySet()) {
                if (nested.contains(k)) {
                    o.leftToNested.add(k);
                }
            }
            OwnSecond s = OwnSecond.of(model, b, k -> !nested.contains(k), procs, t.get(PoolsExceedCores.MAX_OTHER_LOAD),
                    saturated, t.get(PoolsExceedCores.JIT_SHARE));
            if (!s.any()) {
                continue;
            }
            double demand = s.demand();
            double cpu = s.cpuNanos();
            double wait = s.waitNanos();
            double minWait = t.get(PoolsExceedCores.MIN_WAIT_SHARE);
            boolean overExcess = demand > procs * t.get(PoolsExceedCores.OVERSUBSCRIPTION)
                    && PoolsExceedCores.ownExcess(demand, procs, minWait);
            if (s.crowded()) {
                if (!overExcess) {
                    o.leftOut++; // the wait there is the outside work's doing, or the interpreter's
                    o.warmUpLeftOut += s.warmingUp() ? 1 : 0;
                    continue;
                }
                o.crowded++;
            }
            o.measured++;
            double share = cpu + wait <= 0 ? 0 : wait / (cpu + wait);
            if (!overExcess || share < minWait) {
                continue;
            }
            o.hot++;
            o.demandSum += demand;
            o.peakDemand = Math.max(o.peakDemand, demand);
            o.hotCpu += cpu;
            o.hotWait += wait;
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                PoolTimeline.Acc a = e.getValue();
                if (e.getKey().poolId() != PoolTimeline.CPU_LOAD && a.osMeasured() && a.osWaitNanos > 0
                        && !nested.contains(e.getKey())) {
                    double[] c = o.contrib.computeIfAbsent(e.getKey(), k -> new double[3]);
                    c[0] += OwnSecond.ownDemand(a, s.crowded(), saturated);
                    c[1] += a.osWaitNanos * s.scale();
                    c[2] += a.osCpuNanos + a.osWaitNanos * (1 - s.scale());
                }
            }
        }
        return o;
    }

    /** Enough measured seconds, and enough of them hot, for a sustained state rather than a burst. */
    boolean sustained(Thresholds t) {
        return measured >= t.get(PoolsExceedCores.MIN_BUCKETS) && hot > 0 && hot >= t.get(PoolsExceedCores.MIN_HOT_SECONDS)
                && (double) hot / measured >= t.get(PoolsExceedCores.SUSTAINED_SHARE);
    }

    /** The pools that wanted the CPUs in the hot seconds, the largest demand first; a watcher thread's wake-ups are no cause. */
    List<Map.Entry<PoolTimeline.Key, double[]>> ranked() {
        List<Map.Entry<PoolTimeline.Key, double[]>> r = new ArrayList<>(contrib.entrySet().stream()
                .filter(e -> e.getValue()[0] / hot >= 0.05).toList());
        r.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        return r;
    }
}
