package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 002 (and 003 across processes): CPU-bound pools whose simultaneously busy workers add up past the
 * processors for a sustained share of the run. A pool counts as CPU-bound in a time bucket when its busy
 * workers got at least {@code cpuBoundShare} of their fair share of the CPU (processors / all busy workers):
 * a worker blocked on I/O uses almost none, so 200 threads waiting on the network never count.
 */
public final class PoolsExceedCores implements Rule {
    public static final String ID = "pools-exceed-cores";
    public static final Threshold OVERSUBSCRIPTION = new Threshold("oversubscription", Unit.FACTOR, 1.25, "fires when CPU-bound busy workers exceed the processors times this");
    public static final Threshold SUSTAINED_SHARE = new Threshold("sustainedShare", Unit.SHARE, 0.2, "in at least this share of the sampled time");
    public static final Threshold CPU_BOUND_SHARE = new Threshold("cpuBoundShare", Unit.SHARE, 0.5, "busy workers count as CPU-bound when they got this share of their fair CPU share");
    public static final Threshold MIN_CPU_USE = new Threshold("minCpuUse", Unit.SHARE, 0.5, "and the pools used at least this share of the CPU left to them (rules out I/O waits)");
    public static final Threshold MIN_BUCKETS = new Threshold("minBuckets", Unit.COUNT, 3, "sampled seconds needed before judging");
    public static final Evidence PROCESSORS = Evidence.of("processors", Unit.PROCESSORS, "processors the process (or the host, for several processes) can run on at once");
    public static final Evidence MEAN_CPU_BUSY_WORKERS = Evidence.of("meanCpuBusyWorkers", Unit.THREADS, "CPU-bound busy workers on average while oversubscribed");
    public static final Evidence PEAK_CPU_BUSY_WORKERS = Evidence.of("peakCpuBusyWorkers", Unit.THREADS, "CPU-bound busy workers at the peak");
    public static final Evidence OVERSUBSCRIBED_SHARE = Evidence.of("oversubscribedShare", Unit.SHARE, "share of the sampled time oversubscribed");
    public static final Evidence CPU_PER_BUSY_WORKER = Evidence.of("cpuPerBusyWorker", Unit.SHARE, "share of a core each busy worker got");
    public static final Evidence POOLS = Evidence.of("pools", Unit.COUNT, "pools involved");
    public static final Evidence CONFIGURED_WORKERS = Evidence.of("configuredWorkers", Unit.THREADS, "configured width of the pools involved");
    public static final Evidence PROCESSES = Evidence.of("processes", Unit.COUNT, "recordings (processes) analysed together");
    public static final Evidence CORES_USED_BY_OTHER_PROCESSES = Evidence.of("coresUsedByOtherProcesses", Unit.CORES, "cores used by processes outside the recordings");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "CPU-bound pools whose busy workers add up past the processors for a sustained share of the run";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.POOL_SAMPLE));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.HOST, "jdk.CPULoad");
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                OVERSUBSCRIPTION,
                SUSTAINED_SHARE,
                CPU_BOUND_SHARE,
                MIN_CPU_USE,
                MIN_BUCKETS);
    }

    /**
     * The cores the recorded pools could have had in a bucket: the processors less what processes outside
     * the recordings used (machine load from jdk.CPULoad minus the recorded JVMs' own load).
     */
    static double available(Model model, PoolTimeline.Bucket b, int procs) {
        double machine = -1;
        double jvms = 0;
        for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
            if (e.getKey().poolId() == PoolTimeline.CPU_LOAD && e.getValue().samples > 0) {
                machine = Math.max(machine, e.getValue().sizeSum / e.getValue().samples);
                jvms += e.getValue().busySum / e.getValue().samples;
            }
        }
        if (machine < 0) {
            return procs;
        }
        int host = model.processes.get(0).host.hostProcessors();
        double others = Math.max(0, machine - jvms) * (host > 0 ? host : procs);
        // at most half the processors are written off to other processes: below that, the CPU left is too
        // little to tell a starved CPU-bound worker from one that waits for I/O
        return Math.max(0.5 * procs, procs - others);
    }

    /** Sizes per pool in proportion to their busy workers, at least 1 each, adding up to the processors. */
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

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double over = t.get(OVERSUBSCRIPTION);
        double sustained = t.get(SUSTAINED_SHARE);
        double cpuBoundShare = t.get(CPU_BOUND_SHARE);
        double minCpuUse = t.get(MIN_CPU_USE);
        double minBuckets = t.get(MIN_BUCKETS);
        int procs = model.processors();
        if (procs <= 0) {
            return List.of();
        }
        List<PoolTimeline.Bucket> buckets = model.timeline.buckets();
        int sampled = 0;
        int hot = 0;
        double peakCpuBusy = 0;
        double hotBusySum = 0;
        double hotCoresSum = 0;
        double hotOthers = 0;
        Map<PoolTimeline.Key, double[]> contrib = new HashMap<>(); // busy sum, cores sum, buckets
        for (PoolTimeline.Bucket b : buckets) {
            double totalBusy = 0;
            boolean hasPools = false;
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                if (e.getKey().poolId() != PoolTimeline.CPU_LOAD) {
                    totalBusy += e.getValue().meanBusy();
                    hasPools = true;
                }
            }
            if (!hasPools) {
                continue;
            }
            sampled++;
            if (totalBusy <= 0) {
                continue;
            }
            double avail = available(model, b, procs);
            double fair = Math.min(1.0, avail / totalBusy);
            double cpuBusy = 0;
            double cores = 0;
            List<Map.Entry<PoolTimeline.Key, PoolTimeline.Acc>> cpuPools = new ArrayList<>();
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                if (e.getKey().poolId() == PoolTimeline.CPU_LOAD) {
                    continue;
                }
                PoolTimeline.Acc a = e.getValue();
                double busy = a.meanBusy();
                double used = a.coresUsed();
                if (busy <= 0 || Double.isNaN(used)) {
                    continue;
                }
                if (used / busy >= cpuBoundShare * fair) {
                    cpuBusy += busy;
                    cores += used;
                    cpuPools.add(e);
                }
            }
            peakCpuBusy = Math.max(peakCpuBusy, cpuBusy);
            if (cpuBusy > procs * over && cores >= minCpuUse * avail) {
                hot++;
                hotOthers += procs - avail;
                hotBusySum += cpuBusy;
                hotCoresSum += cores;
                for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : cpuPools) {
                    double[] c = contrib.computeIfAbsent(e.getKey(), k -> new double[3]);
                    c[0] += e.getValue().meanBusy();
                    c[1] += e.getValue().coresUsed();
                    c[2]++;
                }
            }
        }
        if (sampled < minBuckets || hot == 0 || (double) hot / sampled < sustained) {
            return List.of();
        }
        double share = (double) hot / sampled;
        double meanBusy = hotBusySum / hot;
        double cpuPerWorker = hotCoresSum / hotBusySum;
        // pools by their mean busy workers in the hot buckets
        List<Map.Entry<PoolTimeline.Key, double[]>> ranked = new ArrayList<>(contrib.entrySet());
        ranked.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        StringBuilder pools = new StringBuilder();
        int widthSum = 0;
        PoolStats top = null;
        int shown = 0;
        double totalContrib = 0;
        for (Map.Entry<PoolTimeline.Key, double[]> e : ranked) {
            totalContrib += e.getValue()[0] / hot;
        }
        List<String> labels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map.Entry<PoolTimeline.Key, double[]> e : ranked) {
            PoolStats p = e.getKey().poolId() == PoolTimeline.OTHER_POOLS ? null
                    : model.process(e.getKey().process()).pool(e.getKey().poolId());
            double busy = e.getValue()[0] / hot;
            String name = p == null ? "other pools" : Fmt.pool(model, p);
            if (p != null) {
                widthSum += Math.max(p.width(), 0);
                if (top == null) {
                    top = p;
                }
            }
            labels.add(p == null ? "other pools" : p.label());
            weights.add(busy / totalContrib);
            if (shown < 6) {
                if (shown > 0) {
                    pools.append(", ");
                }
                pools.append(name).append(' ').append(Fmt.num(busy)).append(" busy");
            }
            shown++;
        }
        String split = split(labels, weights, procs);
        if (shown > 6) {
            pools.append(", and ").append(shown - 6).append(" more");
        }
        String scope = model.multiProcess() ? model.processes.size() + " processes on one host" : "the process";
        String msg = "CPU-bound workers of " + ranked.size() + " pool(s) in " + scope + " were busy at once beyond the "
                + procs + " processors in " + Fmt.pct(share) + " of the sampled time: " + Fmt.num(meanBusy)
                + " busy on average then (peak " + Fmt.num(peakCpuBusy) + "), each getting "
                + Fmt.pct(cpuPerWorker) + " of a core. Pools: " + pools + ".";
        Severity sev = meanBusy > 4 * procs ? Severity.CRITICAL : Severity.WARNING;
        return List.of(new Finding.Builder(ID).severity(sev)
                .title("CPU-bound pools need " + Fmt.num(meanBusy) + " cores, " + procs + " exist ("
                        + Fmt.num(meanBusy / procs) + "x)")
                .message(msg)
                .evidence(PROCESSORS, procs)
                .evidence(MEAN_CPU_BUSY_WORKERS, Fmt.round(meanBusy, 2))
                .evidence(PEAK_CPU_BUSY_WORKERS, Fmt.round(peakCpuBusy, 2))
                .evidence(OVERSUBSCRIBED_SHARE, Fmt.round(share, 3))
                .evidence(CPU_PER_BUSY_WORKER, Fmt.round(cpuPerWorker, 3))
                .evidence(POOLS, ranked.size())
                .evidence(CONFIGURED_WORKERS, widthSum)
                .evidence(PROCESSES, model.processes.size())
                .evidence(CORES_USED_BY_OTHER_PROCESSES, Fmt.round(hotOthers / hot, 2))
                .location(top == null ? "" : Fmt.where(top))
                .recommendation("make the CPU-bound pools add up to the " + procs + " processors: one shared pool of "
                        + procs + " threads" + (split.isEmpty() ? "" : ", or split them: " + split))
                .build());
    }
}
