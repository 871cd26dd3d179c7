package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 000: a pool sized from availableProcessors() whose busy workers stay well below its size: the task
 * count, not the core count, should size it. Silent for a saturated pool (queue at least as long as the
 * pool, or peak busy near the size): that is the right size for CPU-bound batch work.
 */
public final class PoolSizedToCores implements Rule {
    public static final String ID = "pool-sized-to-cores";
    public static final Threshold MAX_BUSY_RATIO = new Threshold("maxBusyRatio", Unit.SHARE, 0.5, "fires when the peak busy workers are at most this share of the pool size");
    public static final Threshold MIN_IDLE_WORKERS = new Threshold("minIdleWorkers", Unit.THREADS, 4, "and at least this many workers were never needed at once");
    public static final Threshold MIN_SAMPLES = new Threshold("minSamples", Unit.COUNT, 3, "pool samples needed before judging a pool");
    public static final Evidence CONFIGURED_SIZE = Evidence.of("configuredSize", Unit.THREADS, "the pool's configured width");
    public static final Evidence THREADS_CREATED = Evidence.of("threadsCreated", Unit.THREADS, "threads the pool created");
    public static final Evidence PEAK_BUSY = Evidence.of("peakBusy", Unit.THREADS, "most workers busy at once");
    public static final Evidence MEAN_BUSY = Evidence.of("meanBusy", Unit.THREADS, "workers busy on average");
    public static final Evidence IDLE_WORKERS = Evidence.of("idleWorkers", Unit.THREADS, "workers never needed at once (size - peak busy)");
    public static final Evidence AVAILABLE_PROCESSORS = Evidence.of("availableProcessors", Unit.PROCESSORS, "Runtime.availableProcessors()");
    public static final Evidence MAX_QUEUED = Evidence.of("maxQueued", Unit.TASKS, "most tasks waiting in the queue");
    public static final Evidence POOLS = Evidence.of("pools", Unit.COUNT, "pools involved");

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
        return List.of(
                MAX_BUSY_RATIO,
                MIN_IDLE_WORKERS,
                MIN_SAMPLES);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double maxBusyRatio = t.get(MAX_BUSY_RATIO);
        double minIdle = t.get(MIN_IDLE_WORKERS);
        double minSamples = t.get(MIN_SAMPLES);
        // one finding per creation site (a site that creates many such pools is reported once)
        Map<String, List<PoolStats>> bySite = new LinkedHashMap<>();
        for (PoolStats p : model.pools()) {
            if (p.isFamily() || p.isCommonPool() || p.samples < minSamples) {
                continue;
            }
            int width = p.width();
            int procs = p.availableProcessors > 0 ? p.availableProcessors
                    : model.process(p.process).host.availableProcessors;
            boolean sizedToCores = !p.processorRelation.isEmpty() || (procs > 0 && width == procs);
            if (!sizedToCores || width <= 0) {
                continue;
            }
            int peak = p.peakBusy();
            if (peak < 1 || peak > maxBusyRatio * width || width - peak < minIdle) {
                continue;
            }
            if (p.maxQueued >= width) {
                continue; // saturated: more work waiting than workers
            }
            bySite.computeIfAbsent(p.process + "|" + Fmt.where(p), k -> new ArrayList<>()).add(p);
        }
        List<Finding> out = new ArrayList<>();
        for (List<PoolStats> group : bySite.values()) {
            PoolStats p = group.get(0);
            int width = p.width();
            int peak = 0;
            double busySum = 0;
            int samples = 0;
            int created = 0;
            for (PoolStats g : group) {
                peak = Math.max(peak, g.peakBusy());
                busySum += g.busySum;
                samples += g.samples;
                created = Math.max(created, g.peakSize());
            }
            // the mean over every pool's samples, as the report's pool row shows it
            double meanBusy = samples == 0 ? 0 : busySum / samples;
            int procs = p.availableProcessors > 0 ? p.availableProcessors
                    : model.process(p.process).host.availableProcessors;
            String rel = p.processorRelation.isEmpty() ? "n" : p.processorRelation;
            int idle = width - peak;
            String pools = group.size() == 1 ? "Pool " + Fmt.pool(model, p)
                    : group.size() + " pools like " + Fmt.pool(model, p);
            String msg = pools + (group.size() == 1 ? " has " : " each have ") + width + " workers (" + Fmt.relation(rel) + ", " + procs
                    + " processors) but at most " + peak + " were busy at once (mean " + Fmt.num(meanBusy) + "); "
                    + idle + " workers were never needed" + (created > 0 ? " (" + created + " threads created)" : "")
                    + ". Its size follows the machine, not the work: on a bigger machine it only adds idle threads.";
            Finding.Builder b = new Finding.Builder(ID).severity(Severity.WARNING)
                    .title("Pool sized to the " + procs + " processors, only " + peak + " busy: "
                            + shortName(p))
                    .message(msg)
                    .evidence(CONFIGURED_SIZE, width)
                    .evidence(THREADS_CREATED, created)
                    .evidence(PEAK_BUSY, peak)
                    .evidence(MEAN_BUSY, Fmt.round(meanBusy, 2))
                    .evidence(IDLE_WORKERS, idle)
                    .evidence(AVAILABLE_PROCESSORS, procs)
                    .evidence(MAX_QUEUED, p.maxQueued)
                    .evidence(POOLS, group.size())
                    .location(Fmt.where(p))
                    .recommendation("size the pool to the task count: " + Fmt.constructor(p, peak)
                            + (p.creationSite.isEmpty() ? "" : " at " + p.creationSite)
                            + " (the number of tasks it runs at once, not availableProcessors())");
            out.add(b.build());
        }
        return out;
    }

    static String shortName(PoolStats p) {
        String n = p.label();
        return n.length() > 40 ? n.substring(0, 39) + "~" : n;
    }
}
