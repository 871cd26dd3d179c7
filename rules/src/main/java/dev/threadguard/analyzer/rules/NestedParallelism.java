package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import dev.threadguard.events.ThreadNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seeds 001/003: parallelism inside parallelism, counted honestly. N x M only where each outer worker
 * owns an inner pool (several inner pools from one site alive at once); a shared pool fed from the
 * outer workers adds N + M, and is a finding only when the threads of both levels measured at once
 * wanted more CPUs than exist and waited for them. Threads started over the run are never a width.
 * One finding per cause (outer pool + inner creation site). Severity is the measured CPU wait;
 * without it, owned inner pools are info. A recording without agent events is read through
 * {@link PlainNesting}.
 */
public final class NestedParallelism implements Rule {
    public static final String ID = "nested-parallelism";
    public static final Threshold MIN_OUTER = new Threshold("minOuter", Unit.THREADS, 2, "outer width N needed to count as parallel");
    public static final Threshold MIN_INNER = new Threshold("minInner", Unit.THREADS, 2, "inner width M needed to count as parallel");
    public static final Threshold RATIO = new Threshold("ratio", Unit.FACTOR, 1.0,
            "owned inner pools: reported when N x M exceeds the processors times this; shared: when the threads measured at once wanting a CPU do");
    public static final Threshold MIN_WAIT_SHARE = new Threshold("minWaitShare", Unit.SHARE, 0.1,
            "a second counts when both levels' threads waited this share of their runnable time for a CPU");
    public static final Threshold CRITICAL_WAIT_SHARE = new Threshold("criticalWaitShare", Unit.SHARE, 0.5,
            "critical when the measured wait share in the counted seconds reaches this");
    public static final Threshold SUSTAINED_SHARE = new Threshold("sustainedShare", Unit.SHARE, 0.2,
            "the measured wait counts when at least this share of the seconds both levels ran count");
    public static final Threshold MIN_HOT_SECONDS = new Threshold("minHotSeconds", Unit.COUNT, 2,
            "seconds that count needed before the measured wait is reported: one is a burst (an actor system starting its dispatchers), not a sustained state");
    public static final Threshold MAX_OTHER_LOAD = new Threshold("maxOtherLoad", Unit.SHARE, 0.25,
            "a second is crowded when work outside both levels (other processes, the JVM's other threads) used this share of the processors: only their own demand counts there, or the second is left out");
    public static final Threshold SATURATED = new Threshold("saturatedShare", Unit.SHARE, 0.6,
            "in a crowded second, a pool whose threads wanted a CPU this share of it counts as wanting one whatever else runs; others count by the CPU they got");
    public static final Threshold MIN_OUTER_DEMAND = new Threshold("minOuterDemand", Unit.THREADS, 0.5,
            "a shared inner pool is nested parallelism only when the outer level's own threads wanted this many CPUs on average in the seconds both ran: callers that submit and wait add none (pools-exceed-cores judges the pools they feed)");
    public static final Threshold JIT_SHARE = new Threshold("jitShare", Unit.SHARE, 0.25,
            "a second is warm-up when the JVM's JIT compiler threads used this share of its CPU time: judged as a crowded second");
    public static final Evidence OUTER_WIDTH = Evidence.of("outerWidth", Unit.THREADS, "N: the outer pool's width");
    public static final Evidence INNER_WIDTH = Evidence.of("innerWidth", Unit.THREADS,
            "M: the inner pool's width (its peak threads at once when unbounded)");
    public static final Evidence POTENTIAL_THREADS = Evidence.of("potentialThreads", Unit.THREADS,
            "N x M for owned inner pools, N + M for a shared one (context, not a measurement)");
    public static final Evidence INNER_POOLS = Evidence.of("innerPools", Unit.COUNT, "inner pools from the site");
    public static final Evidence INNER_POOLS_AT_ONCE = Evidence.of("innerPoolsAtOnce", Unit.COUNT,
            "most inner pools from the site alive in the same second");
    public static final Evidence OBSERVED_THREADS = Evidence.of("observedThreads", Unit.THREADS,
            "live threads of both levels at once, at the peak");
    public static final Evidence OBSERVED_BUSY = Evidence.of("observedBusy", Unit.THREADS,
            "workers of both levels running a task at once, at the peak");
    public static final Evidence PEAK_DEMAND = Evidence.of("peakDemand", Unit.THREADS,
            "threads of both levels that wanted a CPU at once (OS-measured), at the peak");
    public static final Evidence WAIT_SHARE = Evidence.of("waitShare", Unit.SHARE,
            "share of both levels' runnable time spent waiting for a CPU in the counted seconds (OS-measured)");
    public static final Evidence OUTER_THREADS_STARTED = Evidence.of("outerThreadsStarted", Unit.THREADS,
            "plain JFR: threads of the outer name pattern started over the run (not a width)");
    public static final Evidence INNER_THREADS_STARTED = Evidence.of("innerThreadsStarted", Unit.THREADS,
            "plain JFR: most threads one inner ForkJoinPool started over the run (not a width)");
    public static final Evidence PROCESSORS = Evidence.of("processors", Unit.PROCESSORS, "processors the process can run on at once");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pools inside pools: N x M where each outer worker owns an inner pool, N + M through a shared one";
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
        return List.of(MIN_OUTER, MIN_INNER, RATIO, MIN_WAIT_SHARE, CRITICAL_WAIT_SHARE, SUSTAINED_SHARE, MIN_HOT_SECONDS,
                MAX_OTHER_LOAD, SATURATED, JIT_SHARE, MIN_OUTER_DEMAND);
    }

    /** One cause: an outer pool and the inner pools from one site it created or fed. */
    private static final class Cause {
        final PoolStats outer;
        final List<PoolStats> inners = new ArrayList<>();
        boolean created;
        String how = "";

        Cause(PoolStats outer) {
            this.outer = outer;
        }

        /** An inner pool one of the outer workers created. */
        void created(PoolStats inner) {
            inners.add(inner);
            created = true;
            how = "created " + inners.size() + " pool(s) at " + Fmt.where(inner) + " from its workers";
        }
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            int procs = processors(model, pm);
            if (!pm.hasAgent()) {
                out.addAll(PlainNesting.findings(model, pm, procs, t));
                continue;
            }
            for (Cause c : causes(pm)) {
                Finding f = judge(model, pm, c, procs, t);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * The pools of the findings that carry a measured CPU wait (warning or critical): their threads'
     * wait is this rule's cause, and pools-exceed-cores leaves these pools to it (one finding per cause).
     */
    static Set<PoolTimeline.Key> explained(Model model, Thresholds t) {
        Set<PoolTimeline.Key> out = new HashSet<>();
        for (ProcessModel pm : model.processes) {
            int procs = processors(model, pm);
            if (!pm.hasAgent()) {
                continue;
            }
            for (Cause c : causes(pm)) {
                Finding f = judge(model, pm, c, procs, t);
                if (f != null && f.severity() != Severity.INFO) {
                    out.add(new PoolTimeline.Key(pm.index, c.outer.id));
                    c.inners.forEach(i -> out.add(new PoolTimeline.Key(pm.index, i.id)));
                }
            }
        }
        return out;
    }

    private static int processors(Model model, ProcessModel pm) {
        int procs = model.multiProcess() ? pm.host.hostProcessors() : pm.host.effectiveProcessors();
        return procs > 0 ? procs : model.processors();
    }

    /** Causes keyed by outer pool and inner site: pools created by the outer workers, pools they fed. */
    private static List<Cause> causes(ProcessModel pm) {
        Map<String, Cause> causes = new LinkedHashMap<>();
        for (Map.Entry<Long, List<Long>> e : pm.createdBy.entrySet()) {
            PoolStats outer = pm.pool(e.getKey());
            for (long id : e.getValue()) {
                PoolStats inner = pm.pool(id);
                if (outer != null && inner != null && inner.id != outer.id) {
                    causes.computeIfAbsent(outer.id + "|" + Fmt.where(inner), k -> new Cause(outer)).created(inner);
                }
            }
        }
        // a family's first thread may make its pool before the agent knows the family (it forms when a second
        // thread of the name starts): the creating thread's name pattern says whose worker it was
        Map<String, PoolStats> families = new HashMap<>();
        for (PoolStats f : pm.pools.values()) {
            if (f.kind().threadsOnly() && !f.namePattern.isEmpty()) {
                families.putIfAbsent(f.namePattern, f);
            }
        }
        for (PoolStats inner : pm.pools.values()) {
            // the common pool is the JDK's, whichever thread first touched it
            PoolStats family = inner.creatorPoolId != 0 || inner.creatorThread.isEmpty() || inner.kind().threadsOnly()
                    || inner.kind().jvmOwned() ? null
                    : families.get(ThreadNames.namePattern(inner.creatorThread));
            if (family != null) {
                causes.computeIfAbsent(family.id + "|" + Fmt.where(inner), k -> new Cause(family)).created(inner);
            }
        }
        for (ProcessModel.NestedUse u : pm.nestedUses) {
            PoolStats outer = pm.pool(u.callerPoolId());
            PoolStats inner = pm.pool(u.poolId());
            if (outer == null || inner == null || outer.id == inner.id) {
                continue;
            }
            Cause c = causes.computeIfAbsent(outer.id + "|" + Fmt.where(inner), k -> new Cause(outer));
            if (!c.created && !c.inners.contains(inner)) {
                c.inners.add(inner);
                c.how = "fed " + Fmt.poolOrJvms(null, inner)
                        + (u.api().isEmpty() ? "" : " via " + u.api()) + (u.site().isEmpty() ? "" : " at " + u.site());
            }
        }
        for (Map.Entry<Long, Map<Long, Integer>> e : pm.threadsStartedBy.entrySet()) {
            PoolStats outer = pm.pool(e.getKey());
            for (Map.Entry<Long, Integer> s : e.getValue().entrySet()) {
                PoolStats inner = pm.pool(s.getKey());
                if (outer == null || inner == null || !inner.kind().threadsOnly() || inner.id == outer.id) {
                    continue; // pools are handled above; unknown targets carry no width
                }
                Cause c = causes.computeIfAbsent(outer.id + "|" + Fmt.where(inner), k -> new Cause(outer));
                if (!c.created && !c.inners.contains(inner)) {
                    c.inners.add(inner);
                    c.how = "started threads of family " + Fmt.pool(null, inner) + " from its workers";
                }
            }
        }
        return new ArrayList<>(causes.values());
    }

    private static Finding judge(Model model, ProcessModel pm, Cause c, int procs, Thresholds t) {
        int n = c.outer.width();
        int m = 0;
        for (PoolStats i : c.inners) {
            m = Math.max(m, i.width());
        }
        if (n < t.get(MIN_OUTER) || m < t.get(MIN_INNER) || procs <= 0) {
            return null;
        }
        Together at = Together.of(model, pm.index, c.outer, c.inners, procs * t.get(RATIO), t.get(MIN_WAIT_SHARE),
                procs, t.get(MAX_OTHER_LOAD), t.get(SATURATED), t.get(JIT_SHARE));
        boolean owned = c.created && at.innerAtOnce() >= 2;
        long potential = owned ? (long) n * m : (long) n + m;
        boolean waited = at.measured() > 0 && at.hot() >= t.get(MIN_HOT_SECONDS)
                && (double) at.hot() / at.measured() >= t.get(SUSTAINED_SHARE);
        if (owned ? potential <= procs * t.get(RATIO) : !waited) {
            return null; // a shared pool is a finding only when both levels measured at once wanted and waited
        }
        if (!owned && at.outerDemand() < t.get(MIN_OUTER_DEMAND)) {
            // the outer threads only handed work to the pools and waited (drivers of 3 pools of 2 read "3 + 2" when
            // their family formed, pools-exceed-cores when it did not): the pools' own demand is the cause
            return null;
        }
        Severity sev = !waited ? Severity.INFO
                : at.hotWaitShare() >= t.get(CRITICAL_WAIT_SHARE) ? Severity.CRITICAL : Severity.WARNING;
        String inner = Fmt.poolOrJvms(model, c.inners.get(0));
        String counted = owned ? "each outer worker owns an inner pool: " + n + " x " + m + " = " + potential
                : "a shared inner pool adds its threads once: " + n + " + " + m + " = " + potential;
        String measured = at.measured() == 0 ? "The OS did not measure these threads' CPU wait."
                : "At the peak " + Fmt.num(Fmt.round(at.peakDemand(), 1)) + " of their threads wanted a CPU at once"
                        + (waited ? " and they waited " + Fmt.pct(at.hotWaitShare()) + " of their runnable time for one in "
                                + Fmt.pct((double) at.hot() / at.measured()) + " of the " + at.measured() + " seconds both ran."
                                : "; no sustained CPU wait was measured.");
        String msg = "Pool " + Fmt.pool(model, c.outer) + " (N = " + Fmt.width(c.outer) + " workers) " + c.how
                + (c.inners.size() > 1 ? " (" + c.inners.size() + " inner pools, at most " + at.innerAtOnce()
                        + " alive at once)" : "") + ", M = " + m + ": " + counted + " threads if all ran, on " + procs
                + " processors. Observed at once: " + at.peakThreads() + " threads of both levels, " + at.peakBusy()
                + " running tasks. " + measured;
        String rec = owned || c.inners.get(0).kind().splitsTasks()
                ? "let one level own the parallelism: run the inner work sequentially inside " + c.outer.label()
                        + "'s tasks (" + (c.created ? Fmt.where(c.inners.get(0)) + " with 1 thread" : "no parallel stream/*Async there")
                        + "), or drop the outer pool and keep the " + m + "-way inner level"
                : "size the two pools together to the " + procs + " processors: " + c.outer.label() + " and "
                        + c.inners.get(0).label() + " now want up to " + potential + " threads at once";
        return new Finding.Builder(ID).severity(sev)
                .title("Nested parallelism: " + (owned ? n + " x " + m : n + " + " + m) + " threads on " + procs
                        + " processors" + (waited ? ", waited " + Fmt.pct(at.hotWaitShare()) + " for a CPU" : ""))
                .message(msg)
                .evidence(OUTER_WIDTH, n)
                .evidence(INNER_WIDTH, m)
                .evidence(POTENTIAL_THREADS, potential)
                .evidence(INNER_POOLS, c.inners.size())
                .evidence(INNER_POOLS_AT_ONCE, at.innerAtOnce())
                .evidence(OBSERVED_THREADS, at.peakThreads())
                .evidence(OBSERVED_BUSY, at.peakBusy())
                .evidence(PEAK_DEMAND, Fmt.round(at.peakDemand(), 2))
                .evidence(WAIT_SHARE, waited ? Fmt.round(at.hotWaitShare(), 3) : Double.NaN)
                .evidence(PROCESSORS, procs)
                .location(Fmt.where(c.inners.get(0)).isEmpty() ? Fmt.where(c.outer) : Fmt.where(c.inners.get(0)))
                .recommendation(owned || c.inners.get(0).kind().splitsTasks() ? Knobs.fix(model, c.inners.get(0), rec)
                        // both levels' threads are the demand: each is sized at its own knob, a library's too
                        : rec + ": " + Knobs.fix(model, c.outer, "fewer threads in " + Fmt.pool(null, c.outer) + " at "
                                + Fmt.where(c.outer)) + "; " + Knobs.fix(model, c.inners.get(0), "fewer threads in "
                                + Fmt.pool(null, c.inners.get(0)) + " at " + Fmt.where(c.inners.get(0))))
                .build();
    }
}
