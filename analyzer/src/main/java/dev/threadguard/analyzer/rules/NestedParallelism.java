package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seeds 001/003: parallelism inside parallelism. Pools created by another pool's workers, the common pool
 * (or another ForkJoinPool) fed from a pool's workers, or threads started by a pool's workers: an outer
 * width N times an inner width M, against the processors.
 */
public final class NestedParallelism implements Rule {
    public static final String ID = "nested-parallelism";
    public static final Threshold MIN_OUTER = new Threshold("minOuter", Unit.THREADS, 2, "outer pool width N needed to count as parallel");
    public static final Threshold MIN_INNER = new Threshold("minInner", Unit.THREADS, 2, "inner width M needed to count as parallel");
    public static final Threshold RATIO = new Threshold("ratio", Unit.FACTOR, 1.0, "fires when N x M exceeds the processors times this");
    public static final Threshold CRITICAL_RATIO = new Threshold("criticalRatio", Unit.FACTOR, 2.0, "critical when the observed busy workers of both levels exceed the processors times this");
    public static final Evidence OUTER_WIDTH = Evidence.of("outerWidth", Unit.THREADS, "N: the outer pool's width");
    public static final Evidence INNER_WIDTH = Evidence.of("innerWidth", Unit.THREADS, "M: the inner pool's width");
    public static final Evidence POTENTIAL_THREADS = Evidence.of("potentialThreads", Unit.THREADS, "N x M");
    public static final Evidence INNER_POOLS = Evidence.of("innerPools", Unit.COUNT, "inner pools under the outer pool");
    public static final Evidence OBSERVED_THREADS = Evidence.of("observedThreads", Unit.THREADS, "live threads of both levels at once, at the peak");
    public static final Evidence OBSERVED_BUSY = Evidence.of("observedBusy", Unit.THREADS, "busy threads of both levels at once, at the peak");
    public static final Evidence OUTER_THREADS_STARTED = Evidence.of("outerThreadsStarted", Unit.THREADS,
            "plain JFR: threads of the outer name pattern started over the run (not a width)");
    public static final Evidence INNER_THREADS_STARTED = Evidence.of("innerThreadsStarted", Unit.THREADS,
            "plain JFR: most threads one inner ForkJoinPool started over the run (not a width)");
    public static final Evidence PROCESSORS = Evidence.of("processors", Unit.PROCESSORS, "processors the process (or the host, for several processes) can run on at once");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pools created, or the common pool used, from inside another pool's workers (N x M threads)";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.anyOf(Schema.POOL_CREATED, "jdk.ThreadStart"));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.NESTED_POOL_USE, Schema.THREAD_STARTED, Schema.POOL_SAMPLE);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                MIN_OUTER,
                MIN_INNER,
                RATIO,
                CRITICAL_RATIO);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double minOuter = t.get(MIN_OUTER);
        double minInner = t.get(MIN_INNER);
        double ratio = t.get(RATIO);
        double critical = t.get(CRITICAL_RATIO);
        List<Finding> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            int procs = model.multiProcess() ? pm.host.hostProcessors() : pm.host.effectiveProcessors();
            if (procs <= 0) {
                procs = model.processors();
            }
            if (!pm.hasAgent()) {
                out.addAll(PlainNesting.findings(model, pm, procs, t)); // plain JFR: jdk.ThreadStart's parent thread
                continue;
            }
            // 1. pools created by workers of another pool, grouped by outer pool and inner creation site
            for (Map.Entry<Long, List<Long>> e : pm.createdBy.entrySet()) {
                PoolStats outer = pm.pool(e.getKey());
                if (outer == null) {
                    continue;
                }
                Map<String, List<PoolStats>> bySite = new LinkedHashMap<>();
                for (long id : e.getValue()) {
                    PoolStats inner = pm.pool(id);
                    if (inner != null && !usedFrom(pm, outer.id, id)) {
                        bySite.computeIfAbsent(Fmt.where(inner), k -> new ArrayList<>()).add(inner);
                    }
                }
                for (List<PoolStats> inners : bySite.values()) {
                    int m = 0;
                    for (PoolStats i : inners) {
                        m = Math.max(m, i.isFamily() ? Math.max(i.peakSize(), i.threadsStarted) : i.width());
                    }
                    finding(model, pm, outer, inners.get(0), inners, m, procs, minOuter, minInner, ratio, critical,
                            "created " + inners.size() + " pool(s) from its workers", out);
                }
            }
            // 2. ForkJoinPool (common pool) used from a pool's workers
            for (ProcessModel.NestedUse u : pm.nestedUses) {
                PoolStats outer = pm.pool(u.callerPoolId());
                PoolStats inner = pm.pool(u.poolId());
                if (outer == null || !intoCommonPool(u, inner)) {
                    continue; // edges into other pools (recorded since issue 7) are judged by the N + M rewrite, not here
                }
                int m = inner != null ? inner.width() : -1;
                if (m <= 0 && u.poolName().toLowerCase().contains("common")) {
                    m = pm.host.commonPoolParallelism;
                }
                String api = u.api().isEmpty() ? "" : " via " + u.api();
                finding(model, pm, outer, inner, inner == null ? List.of() : List.of(inner), m, procs, minOuter,
                        minInner, ratio, critical, "fed " + (inner == null ? "'" + u.poolName() + "'" : "the "
                                + (inner.isCommonPool() ? "common pool" : "ForkJoinPool")) + api
                                + (u.site().isEmpty() ? "" : " at " + u.site()), out);
            }
            // 3. threads of a family started by a pool's workers
            for (Map.Entry<Long, Map<Long, Integer>> e : pm.threadsStartedBy.entrySet()) {
                PoolStats outer = pm.pool(e.getKey());
                if (outer == null) {
                    continue;
                }
                for (Map.Entry<Long, Integer> c : e.getValue().entrySet()) {
                    PoolStats inner = pm.pool(c.getKey());
                    if (inner == null || !inner.isFamily() || inner.creatorPoolId == outer.id) {
                        continue; // pools are handled above; unknown targets carry no width
                    }
                    int m = Math.max(inner.peakSize(), 1);
                    finding(model, pm, outer, inner, List.of(inner), m, procs, minOuter, minInner, ratio, critical,
                            "started " + c.getValue() + " '" + inner.label() + "' threads from its workers", out);
                }
            }
        }
        return out;
    }

    private void finding(Model model, ProcessModel pm, PoolStats outer, PoolStats inner, List<PoolStats> inners,
            int m, int procs, double minOuter, double minInner, double ratio, double criticalRatio, String how,
            List<Finding> out) {
        int n = outer.width();
        if (n < minOuter || m < minInner || procs <= 0 || (double) n * m <= procs * ratio) {
            return;
        }
        Set<Long> ids = new HashSet<>();
        ids.add(outer.id);
        for (PoolStats i : inners) {
            ids.add(i.id);
        }
        int[] observed = observedPeak(model, pm.index, ids);
        int observedBusy = observed[0];
        int observedThreads = observed[1];
        if (observedThreads == 0) {
            observedThreads = outer.peakSize();
            for (PoolStats i : inners) {
                observedThreads += i.peakSize();
            }
        }
        long nm = (long) n * m;
        Severity sev = observedBusy > procs * criticalRatio ? Severity.CRITICAL : Severity.WARNING;
        String innerName = inner == null ? "inner pool" : inner.isCommonPool() ? "the common pool" : "'" + inner.label() + "'";
        String msg = "Pool " + Fmt.pool(model, outer) + " (N = " + n + " workers) " + how + " with M = " + m
                + " threads each: N x M = " + nm + " potential threads on " + procs + " processors ("
                + Fmt.num((double) nm / procs) + "x). Observed at once: " + observedThreads + " threads of both levels, "
                + observedBusy + " busy.";
        String innerSite = inner == null ? "" : Fmt.where(inner);
        String rec;
        if (inner != null && inner.isForkJoin()) {
            rec = "let one level own the parallelism: run the work inside " + outer.label()
                    + "'s tasks sequentially (no parallel stream/*Async there), or drop the outer pool and keep "
                    + "the " + m + "-way inner level";
        } else {
            rec = "let one level own the parallelism: run the inner work sequentially (" + innerSite
                    + " with 1 thread) or share one pool of " + procs + " threads instead of one per "
                    + outer.label() + " worker";
        }
        out.add(new Finding.Builder(ID).severity(sev)
                .title("Nested parallelism: " + n + " x " + m + " = " + nm + " threads on " + procs + " processors")
                .message(msg)
                .evidence(OUTER_WIDTH, n)
                .evidence(INNER_WIDTH, m)
                .evidence(POTENTIAL_THREADS, nm)
                .evidence(INNER_POOLS, Math.max(inners.size(), 1))
                .evidence(OBSERVED_THREADS, observedThreads)
                .evidence(OBSERVED_BUSY, observedBusy)
                .evidence(PROCESSORS, procs)
                .location(innerSite.isEmpty() ? Fmt.where(outer) : innerSite)
                .recommendation(rec)
                .build());
    }

    /** True when the pair is reported as a NestedPoolUse (the common pool touched first from a worker). */
    /** The agent used to record submissions into the common pool only; this rule still reads only those. */
    private static boolean intoCommonPool(ProcessModel.NestedUse u, PoolStats inner) {
        return inner != null ? inner.isCommonPool() : u.poolName().toLowerCase().contains("common");
    }

    private static boolean usedFrom(ProcessModel pm, long caller, long pool) {
        for (ProcessModel.NestedUse u : pm.nestedUses) {
            if (u.callerPoolId() == caller && u.poolId() == pool && intoCommonPool(u, pm.pool(pool))) {
                return true;
            }
        }
        return false;
    }

    /** Max over time buckets of the busy workers and of the live workers of the given pools, together. */
    static int[] observedPeak(Model model, int process, Set<Long> ids) {
        int busy = 0;
        int size = 0;
        for (PoolTimeline.Bucket b : model.timeline.buckets()) {
            int sb = 0;
            int ss = 0;
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                if (e.getKey().process() == process && ids.contains(e.getKey().poolId())) {
                    sb += e.getValue().maxBusy;
                    ss += e.getValue().maxSize;
                }
            }
            busy = Math.max(busy, sb);
            size = Math.max(size, ss);
        }
        return new int[] {busy, size};
    }
}
