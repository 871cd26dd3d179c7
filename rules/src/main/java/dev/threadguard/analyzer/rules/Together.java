package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an outer pool and its inner pools did together: threads, busy workers and inner pools alive at
 * one sampling instant (summed over the pools sampled in the same round, never per-pool maxima of a
 * second, which add up pools alive one after another), and per second what the OS measured: threads
 * wanting a CPU, and the seconds in which they wanted more than {@code limit} and waited at least {@code minWait} of
 * their runnable time for one. A second crowded by work outside both levels counts only their own demand
 * and wait ({@link OwnSecond}), as pools-exceed-cores counts it. The outer level's own threads wanting a
 * CPU (on one or waiting, whatever else runs) say whether its workers compute or only submit and wait.
 */
record Together(int peakThreads, int peakBusy, int innerAtOnce, double peakDemand, int measured, int hot,
        double hotWaitShare, double outerDemand) {

    static Together of(Model model, int process, PoolStats outer, List<PoolStats> inners, double limit, double minWait,
            int procs, double maxOtherLoad, double saturated, double jitShare) {
        Set<Long> innerIds = new HashSet<>();
        inners.forEach(i -> innerIds.add(i.id));
        int peakThreads = 0;
        int peakBusy = 0;
        int innerAtOnce = 0;
        double peakDemand = 0;
        int measured = 0;
        int hot = 0;
        double hotCpu = 0;
        double hotWait = 0;
        double outerDemand = 0;
        for (PoolTimeline.Bucket b : model.timeline.buckets()) {
            Map<Integer, int[]> at = new HashMap<>(); // round -> threads, busy, inner pools alive
            boolean outerRan = false;
            boolean innerRan = false;
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                long id = e.getKey().poolId();
                boolean isOuter = id == outer.id;
                if (e.getKey().process() != process || !(isOuter || innerIds.contains(id))) {
                    continue;
                }
                PoolTimeline.Acc a = e.getValue();
                for (int i = 0; i < a.instants(); i++) {
                    int[] sum = at.computeIfAbsent(a.round(i), r -> new int[3]);
                    sum[0] += a.threadsAt(i);
                    sum[1] += a.busyAt(i);
                    sum[2] += !isOuter && a.threadsAt(i) > 0 ? 1 : 0;
                }
                if (isOuter) {
                    outerRan |= a.maxBusy > 0 || a.osDemand() > 0;
                } else {
                    innerRan |= a.maxBusy > 0 || a.osDemand() > 0;
                }
            }
            for (int[] sum : at.values()) {
                peakThreads = Math.max(peakThreads, sum[0]);
                peakBusy = Math.max(peakBusy, sum[1]);
                innerAtOnce = Math.max(innerAtOnce, sum[2]);
            }
            OwnSecond s = OwnSecond.of(model, b, k -> k.process() == process && (k.poolId() == outer.id
                    || innerIds.contains(k.poolId())), procs, maxOtherLoad, saturated, jitShare);
            boolean over = s.demand() > limit && PoolsExceedCores.ownExcess(s.demand(), procs, minWait);
            if (!s.any() || !outerRan || !innerRan || s.crowded() && !over) {
                continue; // not both levels measured at once, or the wait there is the outside work's doing
            }
            double demand = s.demand();
            double cpu = s.cpuNanos();
            double wait = s.waitNanos();
            measured++;
            PoolTimeline.Acc o = b.pools().get(new PoolTimeline.Key(process, outer.id));
            outerDemand += o != null && o.osMeasured() ? o.osDemand() : 0;
            peakDemand = Math.max(peakDemand, demand);
            if (over && cpu + wait > 0 && wait / (cpu + wait) >= minWait) {
                hot++;
                hotCpu += cpu;
                hotWait += wait;
            }
        }
        innerAtOnce = Math.max(innerAtOnce, overlap(inners));
        if (peakThreads == 0) {
            peakThreads = outer.peakSize() + inners.stream().mapToInt(PoolStats::peakSize).sum();
        }
        return new Together(peakThreads, peakBusy, innerAtOnce, peakDemand, measured, hot,
                hot == 0 ? Double.NaN : hotWait / (hotCpu + hotWait), measured == 0 ? Double.NaN : outerDemand / measured);
    }

    /** Most pools alive at the same moment, from their creation and shutdown times (open ones never end). */
    static int overlap(List<PoolStats> pools) {
        java.util.List<long[]> edges = new java.util.ArrayList<>();
        for (PoolStats p : pools) {
            if (p.created == null) {
                continue;
            }
            edges.add(new long[] {p.created.toEpochMilli(), 1});
            if (p.shutdown != null) {
                edges.add(new long[] {p.shutdown.toEpochMilli(), -1});
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int alive = 0;
        int max = 0;
        for (long[] e : edges) {
            alive += (int) e[1];
            max = Math.max(max, alive);
        }
        return max;
    }
}
