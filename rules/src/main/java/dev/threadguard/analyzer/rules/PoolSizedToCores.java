package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.LogicalPools;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.ProcessorRelation;
import dev.threadguard.events.Schema;
import dev.threadguard.events.kinds.PoolKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000: a pool (or a logical pool of one-thread executors, or a thread family) whose size follows
 * availableProcessors() while far fewer of its workers were ever busy at once: the task count, not the
 * core count, should size it. Silent for a saturated pool (all workers busy and a queue at least as long as the pool, or peak
 * busy near the size). Severity is the harm the OS measured: without run-queue wait on the pool's
 * threads the idle workers cost little here (info: they grow with the machine); with it, a warning.
 * Kinds that count no tasks (families, event loop groups) are busy where the OS saw their threads
 * want a CPU; an event loop group, whose idle loops wait in their selector by design, is a finding
 * only with that measured wait.
 */
public final class PoolSizedToCores implements Rule {
    public static final String ID = "pool-sized-to-cores";
    public static final Threshold MAX_BUSY_RATIO = new Threshold("maxBusyRatio", Unit.SHARE, 0.5,
            "fires when the peak busy workers are at most this share of the pool size");
    public static final Threshold MIN_IDLE_WORKERS = new Threshold("minIdleWorkers", Unit.THREADS, 4,
            "and at least this many workers were never needed at once");
    public static final Threshold MIN_SAMPLES = new Threshold("minSamples", Unit.COUNT, 3,
            "pool samples needed before judging a pool");
    public static final Threshold MIN_WAIT_SHARE = new Threshold("minWaitShare", Unit.SHARE, 0.1,
            "a warning (not info) when the pool's threads waited this share of their runnable time for a CPU");
    public static final Threshold MIN_WAITING = new Threshold("minWaiting", Unit.THREADS, 0.5,
            "and its threads spent at least this many threads' time in the run queue on average (a sleeping pool's rare wake-ups wait a large share of almost nothing)");
    public static final Threshold MAX_OTHER_LOAD = new Threshold("maxOtherLoad", Unit.SHARE, 0.5,
            "seconds in which processes outside the recordings used this share of the processors are left out of the wait");
    public static final Threshold MIN_IO_LOOP_DEMAND = new Threshold("minIoLoopDemand", Unit.CORES, 1.0,
            "a pool whose idle workers wait for I/O (event loops) is judged only when its threads wanted this many CPUs on average");
    public static final Evidence CONFIGURED_SIZE = Evidence.of("configuredSize", Unit.THREADS, "the pool's configured width");
    public static final Evidence THREADS_CREATED = Evidence.of("threadsCreated", Unit.THREADS, "most threads of the pool alive at once");
    public static final Evidence PEAK_BUSY = Evidence.of("peakBusy", Unit.THREADS, "most workers busy at once");
    public static final Evidence MEAN_BUSY = Evidence.of("meanBusy", Unit.THREADS, "workers busy on average");
    public static final Evidence IDLE_WORKERS = Evidence.of("idleWorkers", Unit.THREADS, "workers never needed at once (size, or the threads started when fewer, - peak busy)");
    public static final Evidence AVAILABLE_PROCESSORS = Evidence.of("availableProcessors", Unit.PROCESSORS, "Runtime.availableProcessors() when the pool was created");
    public static final Evidence MAX_QUEUED = Evidence.of("maxQueued", Unit.TASKS, "most tasks waiting in the queue");
    public static final Evidence POOLS = Evidence.of("pools", Unit.COUNT, "pools from that site (members of a logical pool count once)");
    public static final Evidence WAITING = Evidence.of("waitingThreads", Unit.THREADS,
            "the pool's threads waiting for a CPU on average, in the seconds other processes did not crowd (OS-measured)");
    public static final Evidence WAIT_SHARE = Evidence.of("waitShare", Unit.SHARE, "share of the pool threads' runnable time spent waiting for a CPU (OS-measured)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a pool sized to the processors while far fewer of its workers are ever busy";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.POOL_CREATED), Requires.event(Schema.POOL_SAMPLE));
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(MAX_BUSY_RATIO, MIN_IDLE_WORKERS, MIN_SAMPLES, MIN_WAIT_SHARE, MIN_WAITING, MAX_OTHER_LOAD, MIN_IO_LOOP_DEMAND);
    }

    /** A logical pool judged: its width, peak and mean busy, and the measured wait. */
    private record Judged(LogicalPools.Group g, int width, int peak, double mean, int procs, double waitShare,
            double waiting) {}

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        // one finding per creation site (a site that creates many such pools is reported once)
        Map<String, List<Judged>> bySite = new LinkedHashMap<>();
        // pools that also wanted more CPUs than exist get their one size from pools-exceed-cores' finding
        Set<PoolTimeline.Key> exceeded = t.has(PoolsExceedCores.OVERSUBSCRIPTION) ? PoolsExceedCores.named(model, t) : Set.of();
        for (ProcessModel pm : model.processes) {
            for (LogicalPools.Group g : LogicalPools.of(pm)) {
                if (g.members().stream().anyMatch(m -> exceeded.contains(new PoolTimeline.Key(pm.index, m.id)))) {
                    continue;
                }
                Judged j = judge(model, pm, g, t);
                if (j != null) {
                    // a family's site is where its threads start (one Thread.start for a library's many
                    // families): its name pattern tells the families apart
                    String key = pm.index + "|" + Fmt.where(g.first()) + (g.first().kind().threadsOnly() ? "|" + g.first().namePattern : "");
                    bySite.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (List<Judged> group : bySite.values()) {
            out.add(finding(model, group, t));
        }
        return out;
    }

    private static Judged judge(Model model, ProcessModel pm, LogicalPools.Group g, Thresholds t) {
        PoolStats p = g.first();
        int samples = g.members().stream().mapToInt(m -> m.samples).min().orElse(0);
        if (p.kind().jvmOwned() || samples < t.get(MIN_SAMPLES)) {
            return null;
        }
        int procs = p.availableProcessors > 0 ? p.availableProcessors : pm.host.availableProcessors;
        int width = g.width();
        String rel = relation(g, width, procs);
        boolean sizedToCores = !rel.isEmpty() || (procs > 1 && width == procs);
        if (!sizedToCores || width <= 1) {
            return null;
        }
        int peak;
        double mean;
        boolean threadStates = p.kind().busy() == PoolKind.Busy.THREAD_STATES;
        if (threadStates) {
            // no tasks counted (a family, an event loop group): its busy threads are the ones the OS saw
            // wanting a CPU; without OS counters, Java's RUNNABLE count is an upper bound of them, safe for
            // calling threads idle. The state read at a sample is an instant: a second in which more wanted
            // a CPU on average than any sample saw in state R had at least that many at once
            peak = p.osMeasured() ? Math.max(p.maxOsRunnable, (int) Math.ceil(peakDemand(model, pm.index, p.id) - 1e-9))
                    : p.peakBusy();
            mean = p.osMeasured() ? p.osDemand() : p.meanBusy();
        } else if (g.logical()) {
            peak = peakTogether(model, pm.index, g);
            mean = g.members().stream().mapToDouble(PoolStats::meanBusy).sum();
        } else {
            peak = p.peakBusy();
            mean = p.meanBusy();
        }
        // saturated: all its workers busy and more tasks waiting than it has; a queue beside idle workers only
        // waits for them to get a CPU (an IndexSearcher's slices on a crowded machine queued 18 beside 10 idle)
        long queued = g.members().stream().mapToLong(m -> m.maxQueuedAllBusy).max().orElse(0);
        if (peak < 1 && !threadStates || peak > t.get(MAX_BUSY_RATIO) * width || width - peak < t.get(MIN_IDLE_WORKERS)
                || queued >= width) {
            return null; // busy enough, or saturated: more work waiting than workers
        }
        Set<Long> ids = new HashSet<>();
        g.members().forEach(m -> ids.add(m.id));
        double[] w = OtherLoad.wait(model, pm.index, ids, t.get(MAX_OTHER_LOAD));
        if (p.kind().idleWaitsForIo() && !(w[0] >= t.get(MIN_WAIT_SHARE) && w[1] >= t.get(MIN_WAITING)
                && mean >= t.get(MIN_IO_LOOP_DEMAND))) {
            // unused event loops sleep in their selector; a loop that wakes for a few microseconds per
            // request may wait most of them for a CPU and still cost none: harm is a CPU's worth wanted
            return null;
        }
        return new Judged(g, width, peak, mean, procs, w[0], w[1]);
    }

    /** The most threads of a pool that wanted a CPU on average in one second (OS-measured). */
    private static double peakDemand(Model model, int process, long poolId) {
        double peak = 0;
        for (dev.threadguard.analyzer.model.PoolTimeline.Bucket b : model.timeline.buckets()) {
            var a = b.pools().get(new dev.threadguard.analyzer.model.PoolTimeline.Key(process, poolId));
            if (a != null && a.osMeasured()) {
                peak = Math.max(peak, a.osDemand());
            }
        }
        return peak;
    }

    /**
     * What this rule would say of a pool (not a logical one) that another finding sizes: "its size follows
     * availableProcessors() (16 here) while at most 4 of its workers were busy at once"; empty when it would
     * not judge the pool sized to the processors.
     */
    static String sizedNote(Model model, PoolStats p, Thresholds t) {
        ProcessModel pm = model.process(p.process);
        Judged j = pm == null ? null : judge(model, pm, new LogicalPools.Group(List.of(p), p.width(), p.processorRelation), t);
        if (j == null) {
            return "";
        }
        String rel = relation(j.g(), j.width(), j.procs());
        return "its size follows " + Fmt.relation(rel.isEmpty() ? "n" : rel) + " (" + j.width() + " here) while at most "
                + j.peak() + " of its " + p.kind().workers() + (p.kind().busy() == PoolKind.Busy.THREAD_STATES
                        ? " wanted a CPU" : " were busy") + " at once";
    }

    /** How the width follows the processors: as recorded, or for a kind nothing configures, from what was seen. */
    private static String relation(LogicalPools.Group g, int width, int procs) {
        return g.first().kind().width() == PoolKind.Width.SEEN ? ProcessorRelation.of(width, procs) : g.processorRelation();
    }

    /** At most how many workers of a logical pool's members were busy at once. */
    private static int peakTogether(Model model, int process, LogicalPools.Group g) {
        Set<Long> ids = new HashSet<>();
        g.members().forEach(m -> ids.add(m.id));
        return model.timeline.peakBusyAtOnce(process, ids);
    }

    private static Finding finding(Model model, List<Judged> group, Thresholds t) {
        Judged j = group.get(0);
        PoolStats p = j.g().first();
        int peak = 0;
        double mean = 0;
        int created = 0;
        long queued = 0;
        double wait = Double.NaN;
        double waiting = 0;
        double busySum = 0;
        int samples = 0;
        for (Judged g : group) {
            peak = Math.max(peak, g.peak());
            mean = Math.max(mean, g.mean());
            for (PoolStats m : g.g().members()) {
                busySum += m.busySum;
                samples += m.samples;
            }
            queued = Math.max(queued, g.g().members().stream().mapToLong(m -> m.maxQueued).max().orElse(0));
            created = Math.max(created, g.g().members().stream().mapToInt(PoolStats::peakSize).sum());
            wait = Double.isNaN(wait) ? g.waitShare() : Double.isNaN(g.waitShare()) ? wait : Math.max(wait, g.waitShare());
            waiting = Double.isNaN(g.waiting()) ? waiting : Math.max(waiting, g.waiting());
        }
        PoolKind kind = p.kind();
        boolean threadStates = kind.busy() == PoolKind.Busy.THREAD_STATES;
        if (group.size() > 1 && !threadStates && samples > 0) {
            mean = busySum / samples; // over every pool's samples, as the report's pool row shows it
        }
        String rel = relation(j.g(), j.width(), j.procs());
        rel = rel.isEmpty() ? "n" : rel;
        // a pool that starts its threads on demand (a ForkJoinPool; a fixed pool given fewer tasks than its size)
        // is told in the threads it started: the rest of its width is what it may start, context, not workers it has
        boolean onDemand = created > 0 && created < j.width();
        int idle = (onDemand ? created : j.width()) - peak;
        String noun = capitalized(kind.noun());
        String what = j.g().logical() ? "Logical pool of " + j.g().members().size() + " one-thread executors created together "
                        + "at " + Fmt.where(p) + (onDemand ? " is sized to " : " has ") + j.width() + " workers"
                : (group.size() == 1 ? noun + " " + Fmt.pool(model, p) + (onDemand ? " is sized to " : " has ")
                        : group.size() + " " + Fmt.plural(kind.noun()) + " like " + Fmt.pool(model, p)
                                + (onDemand ? " are each sized to " : " each have ")) + j.width() + " " + kind.workers();
        boolean harmed = !Double.isNaN(wait) && wait >= t.get(MIN_WAIT_SHARE) && waiting >= t.get(MIN_WAITING);
        boolean os = group.stream().anyMatch(g -> g.g().members().stream().anyMatch(PoolStats::osMeasured));
        String measured = Double.isNaN(wait) ? os ? " Its threads' CPU wait was measured only in seconds other processes"
                + " crowded (" + Fmt.pct(t.get(MAX_OTHER_LOAD)) + " or more of the processors): not judged."
                : " The OS did not measure its threads' run-queue wait."
                : " Its threads waited " + Fmt.pct(wait) + " of their runnable time for a CPU"
                        + " (" + Fmt.num(Fmt.round(waiting, 2)) + " of them waiting on average)"
                        + (harmed ? "." : ": the idle workers cost little on this machine and grow with a bigger one.");
        String msg = what + " (" + Fmt.relation(rel) + ", " + j.procs() + " processors) but at most " + peak
                + (threadStates ? " wanted a CPU" : " were busy") + " at once (mean " + Fmt.num(Fmt.round(mean, 2))
                + "); " + (onDemand ? "it started " + created + " threads, " + idle + " of them never needed at once (it may"
                        + " start " + (j.width() - created) + " more)" : idle + " were never needed"
                        + (created > 0 ? " (" + created + " threads created)" : ""))
                + ". Its size follows the machine, not the work." + measured;
        // busy counted while the threads waited for a CPU includes tasks waiting to finish (the rollout's 8 tasks a
        // step read 27 busy): where seconds without that wait exist, their peak is the concurrency the work needed
        int uncontended = -1;
        for (Judged g : group) {
            for (PoolStats m : g.g().members()) {
                uncontended = Math.max(uncontended, Sizing.uncontendedPeak(model, m));
            }
        }
        boolean byUncontended = !threadStates && uncontended >= 1 && uncontended < peak;
        int advice = byUncontended ? uncontended : Math.max(1, peak);
        String measuredPeak = byUncontended ? "the most busy at once in seconds its threads did not wait for a CPU (peak "
                + peak + " while they waited); " : harmed && !threadStates ? "busy measured while its threads waited for a"
                + " CPU counts tasks waiting to finish: its task count may be lower; " : "";
        String constructor = Fmt.constructor(p, advice);
        String fix = constructor.isEmpty()
                ? "size it to its work (" + advice + " threads at peak) where it is configured, not from availableProcessors()"
                        + (p.creationSite.isEmpty() ? "" : " (created at " + p.creationSite + ")")
                : threadStates
                ? "size the " + kind.noun() + " to its work: " + constructor + (p.creationSite.isEmpty() ? "" : " at " + p.creationSite)
                        + " (the " + kind.workers() + " that wanted a CPU at once, not " + Fmt.relation(rel) + "; " + measuredPeak + basis(j) + ")"
                : "size the pool to the task count: " + constructor
                        + (p.creationSite.isEmpty() ? "" : " at " + p.creationSite)
                        + " (the number of tasks it runs at once, not availableProcessors(); " + measuredPeak + basis(j) + ")";
        return new Finding.Builder(ID).severity(harmed ? Severity.WARNING : Severity.INFO)
                .title((kind.threadsOnly() ? "Threads" : noun) + " sized to the " + j.procs() + " processors, only " + peak
                        + " busy: " + shortName(j.g().label()))
                .message(msg)
                .evidence(CONFIGURED_SIZE, j.width())
                .evidence(THREADS_CREATED, created)
                .evidence(PEAK_BUSY, peak)
                .evidence(MEAN_BUSY, Fmt.round(mean, 2))
                .evidence(IDLE_WORKERS, idle)
                .evidence(AVAILABLE_PROCESSORS, j.procs())
                .evidence(MAX_QUEUED, queued)
                .evidence(POOLS, group.size())
                .evidence(WAIT_SHARE, Fmt.round(wait, 3))
                .evidence(WAITING, Double.isNaN(wait) ? Double.NaN : Fmt.round(waiting, 2))
                .location(Fmt.where(p))
                .recommendation(Knobs.fix(model, p, fix))
                .build();
    }

    private static String basis(Judged j) {
        PoolStats p = j.g().first();
        return "peak " + j.peak() + " busy in " + p.samples + " samples over "
                + Fmt.num(Fmt.round(p.intervalNanos / 1e9, 1)) + " s"
                + (p.samples < Sizing.MIN_SAMPLES ? ", a short run: measure longer to be sure" : "");
    }

    static String shortName(String n) {
        return n.length() > 40 ? n.substring(0, 39) + "~" : n;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
