package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 002 (and 003 across processes): pools whose threads wanted more CPUs than exist, and waited for
 * them. Busy is what the OS measured per worker (on a CPU or in the run queue, schedstat), never Java's
 * RUNNABLE: 200 threads blocked in socket reads want no CPU. A second counts when the pools' threads
 * wanted more than the processors on average and spent at least {@code minWaitShare} of their runnable
 * time waiting for a CPU; severity follows that measured wait.
 */
public final class PoolsExceedCores implements Rule {
    public static final String ID = "pools-exceed-cores";
    public static final Threshold OVERSUBSCRIPTION = new Threshold("oversubscription", Unit.FACTOR, 1.0,
            "a second counts when the pools' threads wanted more than the processors times this (OS-measured)");
    public static final Threshold MIN_WAIT_SHARE = new Threshold("minWaitShare", Unit.SHARE, 0.1,
            "and waited at least this share of their runnable time for a CPU, a share their own excess over the processors accounts for (1 - processors / demand, demand at least processors + 1)");
    public static final Threshold CRITICAL_WAIT_SHARE = new Threshold("criticalWaitShare", Unit.SHARE, 0.5,
            "critical when the measured wait share in those seconds reaches this");
    public static final Threshold SUSTAINED_SHARE = new Threshold("sustainedShare", Unit.SHARE, 0.2,
            "fires when at least this share of the measured seconds count");
    public static final Threshold MIN_BUCKETS = new Threshold("minBuckets", Unit.COUNT, 3,
            "measured seconds needed before judging");
    public static final Threshold MIN_HOT_SECONDS = new Threshold("minHotSeconds", Unit.COUNT, 2,
            "seconds that count needed before it fires: one is a burst, not a sustained state");
    public static final Threshold MAX_OTHER_LOAD = new Threshold("maxOtherLoad", Unit.SHARE, 0.25,
            "a second is crowded when work outside the pools (other processes, the JVM's threads outside them) used this share of the processors: only the pools' own demand counts there, or the second is left out");
    public static final Threshold SATURATED = new Threshold("saturatedShare", Unit.SHARE, 0.6,
            "in a crowded second, a pool whose threads wanted a CPU this share of it counts as wanting one whatever else runs; others count by the CPU they got");
    public static final Threshold JIT_SHARE = new Threshold("jitShare", Unit.SHARE, 0.25,
            "a second is warm-up when the JVM's JIT compiler threads used this share of its CPU time (its code still runs interpreted): judged as a crowded second, only the pools' own demand counts there");
    public static final Threshold TARGET_UTILIZATION = new Threshold("targetUtilization", Unit.SHARE, 1.0,
            "U in the sizing advice: processors x U (x (1 + W/C) for pools that also wait off-CPU)");
    public static final Evidence PROCESSORS = Evidence.of("processors", Unit.PROCESSORS,
            "processors the process (or the host, for several processes) can run on at once");
    public static final Evidence MEAN_DEMAND = Evidence.of("meanDemand", Unit.THREADS,
            "threads of the pools that wanted a CPU (on one or waiting), on average in the counted seconds");
    public static final Evidence PEAK_DEMAND = Evidence.of("peakDemand", Unit.THREADS,
            "the same in the worst second");
    public static final Evidence WAIT_SHARE = Evidence.of("waitShare", Unit.SHARE,
            "share of the pools' runnable time spent waiting for a CPU in the counted seconds");
    public static final Evidence OVERSUBSCRIBED_SHARE = Evidence.of("oversubscribedShare", Unit.SHARE,
            "share of the measured seconds that counted");
    public static final Evidence MEASURED_SECONDS = Evidence.of("measuredSeconds", Unit.COUNT,
            "seconds (time buckets) with OS measurements of the pools, less the crowded ones their own demand did not explain");
    public static final Evidence POOLS = Evidence.of("pools", Unit.COUNT, "pools whose threads waited");
    public static final Evidence CONFIGURED_WORKERS = Evidence.of("configuredWorkers", Unit.THREADS,
            "configured width of those pools");
    public static final Evidence PROCESSES = Evidence.of("processes", Unit.COUNT,
            "recordings (processes) analysed together");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pools whose threads wanted more CPUs than exist and waited for them (OS-measured run-queue wait)";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.POOL_SAMPLE));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.HOST);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(OVERSUBSCRIPTION, MIN_WAIT_SHARE, CRITICAL_WAIT_SHARE, SUSTAINED_SHARE, MIN_BUCKETS, MIN_HOT_SECONDS,
                MAX_OTHER_LOAD, SATURATED, JIT_SHARE, TARGET_UTILIZATION);
    }

    @Override
    public String notApplicable(Model model) {
        // what evaluate reads: the time buckets, pools past the per-bucket cap included
        return model.timeline.buckets().stream().anyMatch(b -> b.pools().values().stream().anyMatch(PoolTimeline.Acc::osMeasured))
                ? null
                : "no OS measurements of the pools' threads (PoolSample.sampledThreads is 0: an older agent, or not Linux)";
    }

    /**
     * True when the pools' own demand over the processors makes them wait at least {@code minWait}:
     * pools wanting 2.1 CPUs on 2 wait at most 5% by themselves, and a larger measured wait is the doing
     * of threads outside them (native threads, the JVM's own, other processes), not of the pools' sizes.
     */
    static boolean ownExcess(double demand, int procs, double minWait) {
        // and by a whole thread: a fraction over the processors is within what the kernel's late wait
        // accounting (and a sub-second burst) adds
        return demand >= procs + 1 && 1 - procs / demand >= minWait;
    }

    /**
     * The pools this rule's finding gives a size for (the three that wanted the CPUs most): pool-sized-to-cores
     * leaves them to it, so one pool gets one number. Empty when it does not fire.
     */
    static Set<PoolTimeline.Key> named(Model model, Thresholds t) {
        int procs = model.processors();
        Oversubscribed o = procs <= 0 ? null : Oversubscribed.of(model, t, procs);
        if (o == null || !o.sustained(t)) {
            return Set.of();
        }
        Set<PoolTimeline.Key> out = new HashSet<>();
        int shown = 0;
        for (Map.Entry<PoolTimeline.Key, double[]> e : o.ranked()) {
            if (++shown <= 3 && e.getKey().poolId() != PoolTimeline.OTHER_POOLS) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** For a pool sized from the processor count, what pool-sized-to-cores would have said, folded into this advice. */
    private static String sizedToProcessors(Model model, PoolStats p, int advised, Thresholds t) {
        // a rule set without pool-sized-to-cores (the API's Rules.run) has no reading of it to fold in
        String note = t.has(PoolSizedToCores.MAX_BUSY_RATIO) ? PoolSizedToCores.sizedNote(model, p, t) : "";
        return note.isEmpty() ? "" : "; " + note + ": set " + advised + ", not the processor count";
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        int procs = model.processors();
        if (procs <= 0) {
            return List.of();
        }
        Oversubscribed o = Oversubscribed.of(model, t, procs);
        if (!o.sustained(t)) {
            return List.of();
        }
        int measured = o.measured;
        int hot = o.hot;
        double waitShare = o.hotWait / (o.hotCpu + o.hotWait);
        double meanDemand = o.demandSum / hot;
        double peakDemand = o.peakDemand;
        List<Map.Entry<PoolTimeline.Key, double[]>> ranked = o.ranked();
        double total = ranked.stream().mapToDouble(e -> e.getValue()[0]).sum();
        StringBuilder pools = new StringBuilder();
        StringBuilder advice = new StringBuilder();
        List<String> labels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        PoolStats top = null;
        int widthSum = 0;
        int shown = 0;
        // whole processors per pool by measured demand, adding up to the processors: each pool's advice starts there
        int[] shares = Sizing.shares(ranked.stream().map(e -> e.getValue()[0] / total).toList(), procs);
        for (Map.Entry<PoolTimeline.Key, double[]> e : ranked) {
            PoolStats p = e.getKey().poolId() == PoolTimeline.OTHER_POOLS ? null
                    : model.process(e.getKey().process()).pool(e.getKey().poolId());
            double[] c = e.getValue();
            String label = p == null ? "other pools" : p.label();
            labels.add(label);
            weights.add(c[0] / total);
            if (p != null) {
                widthSum += Math.max(p.width(), 0);
                top = top == null ? p : top;
            }
            if (shown++ < 6) {
                pools.append(pools.length() > 0 ? ", " : "").append(p == null ? label : Fmt.pool(model, p))
                        .append(' ').append(Fmt.num(c[0] / hot)).append(" wanting a CPU, waited ")
                        .append(Fmt.pct(c[1] / (c[1] + c[2])));
                if (p != null && shown <= 3) {
                    Sizing.Advice a = shares == null
                            ? Sizing.forPool(model, p, 1, "1 processor (one per pool)", t.get(TARGET_UTILIZATION))
                            : Sizing.forPool(model, p, shares[shown - 1], procs, t.get(TARGET_UTILIZATION));
                    advice.append(advice.length() > 0 ? "; " : "").append('\'').append(label).append("' ")
                            .append(a.size()).append(" (").append(a.rationale()).append(')')
                            .append(sizedToProcessors(model, p, a.size(), t));
                    Knobs.library(p).ifPresent(m -> advice.append(", made inside ").append(m.library.name)
                            .append(m.callSite.map(cs -> " by your call at " + cs).orElse("")).append(": set ")
                            .append(m.knob.setting).append(" (").append(m.knob.note).append(')'));
                }
            }
        }
        if (shown > 6) {
            pools.append(", and ").append(shown - 6).append(" more");
        }
        String split = Sizing.split(labels, weights, procs);
        String scope = model.multiProcess() ? model.processes.size() + " processes on one host" : "the process";
        Severity sev = waitShare >= t.get(CRITICAL_WAIT_SHARE) ? Severity.CRITICAL : Severity.WARNING;
        String msg = "Threads of " + ranked.size() + " pool(s) in " + scope + " wanted " + Fmt.num(meanDemand)
                + " CPUs on average (peak " + Fmt.num(peakDemand) + ") on " + procs + " processors in "
                + Fmt.pct((double) hot / measured) + " of the " + measured + " measured seconds, and its threads waited "
                + Fmt.pct(waitShare) + " of their runnable time for a CPU (run-queue wait measured by the OS). Pools: "
                + pools + "." + (o.leftOut == 0 ? "" : " " + o.leftOut + " second(s) in which work outside the pools (other"
                        + " processes, the JVM's other threads) used " + Fmt.pct(t.get(MAX_OTHER_LOAD))
                        + " or more of the processors" + (o.warmUpLeftOut == 0 ? "" : " or the JVM was warming up (its JIT"
                        + " compilers used " + Fmt.pct(t.get(JIT_SHARE)) + " or more of its CPU: " + o.warmUpLeftOut + " of them)")
                        + " were left out: the pools' own demand did not explain a wait there.")
                + (o.leftToNested.isEmpty() ? "" : " " + o.leftToNested.size() + " pool(s) whose wait a nested-parallelism"
                        + " finding states are left to it.")
                + (o.crowded == 0 ? "" : " In " + o.crowded + " second(s) crowded by work outside the pools, threads that wanted a"
                        + " CPU only part of the second count by the CPU they got, and only the wait the pools' own excess"
                        + " accounts for (1 - processors / demand) is counted.");
        return List.of(new Finding.Builder(ID).severity(sev)
                .title("Pools' threads waited " + Fmt.pct(waitShare) + " of their runnable time for a CPU: "
                        + Fmt.num(meanDemand) + " wanted, " + procs + " processors")
                .message(msg)
                .evidence(PROCESSORS, procs)
                .evidence(MEAN_DEMAND, Fmt.round(meanDemand, 2))
                .evidence(PEAK_DEMAND, Fmt.round(peakDemand, 2))
                .evidence(WAIT_SHARE, Fmt.round(waitShare, 3))
                .evidence(OVERSUBSCRIBED_SHARE, Fmt.round((double) hot / measured, 3))
                .evidence(MEASURED_SECONDS, measured)
                .evidence(POOLS, ranked.size())
                .evidence(CONFIGURED_WORKERS, widthSum)
                .evidence(PROCESSES, model.processes.size())
                .location(top == null ? "" : Fmt.where(top))
                .recommendation("make the pools that compete for the CPU add up to the " + procs + " processors"
                        + (split.isEmpty() ? "" : " (by their demand: " + split + ")")
                        + (shares == null ? " (" + ranked.size() + " pools on " + procs + " processors: one thread each still"
                                + " oversubscribes them; run their work in one pool of " + procs + ")" : "") + ": " + advice)
                .build());
    }
}
