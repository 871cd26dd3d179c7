package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Charts of sets of pools over time, in one pass over the time buckets: per bucket, the members' live
 * workers, busy workers, configured sizes, cores used and (where the agent read the OS counters) workers
 * waiting in the run queue for a CPU are added up (a row of 12 pools, or all pools of a finding, is one chart).
 */
final class PoolCharts {
    private final Map<PoolTimeline.Key, List<Integer>> targetsOf = new HashMap<>();
    private final List<String> titles = new ArrayList<>();
    private final List<String> yLabels = new ArrayList<>();
    private final List<double[]> references = new ArrayList<>();

    /** Registers a chart of {@code members}; returns its index for {@link #build}. */
    int add(String title, String yLabel, List<PoolStats> members, double reference) {
        int i = titles.size();
        titles.add(title);
        yLabels.add(yLabel);
        references.add(new double[] {reference});
        for (PoolStats p : members) {
            targetsOf.computeIfAbsent(new PoolTimeline.Key(p.process, p.id), k -> new ArrayList<>()).add(i);
        }
        return i;
    }

    /** The charts, in the order registered; times in seconds since {@code t0}. */
    List<Chart> build(PoolTimeline timeline, long t0, String referenceLabel) {
        int n = titles.size();
        List<List<double[]>> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new ArrayList<>());
        }
        for (PoolTimeline.Bucket b : timeline.buckets()) {
            Map<Integer, double[]> acc = new HashMap<>();
            for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
                List<Integer> targets = targetsOf.get(e.getKey());
                if (targets == null) {
                    continue;
                }
                PoolTimeline.Acc x = e.getValue();
                boolean os = x.osMeasured();
                double cores = os ? (double) x.osCpuNanos / x.osIntervalNanos : x.coresUsed(); // the OS's, where read
                double wait = os ? (double) x.osWaitNanos / x.osIntervalNanos : Double.NaN;
                for (int t : targets) {
                    double[] v = acc.computeIfAbsent(t, k -> new double[7]);
                    v[0] += x.maxSize;
                    v[1] += x.maxBusy;
                    v[2] += x.configured < PoolStats.UNBOUNDED ? x.configured : Double.NaN; // unbounded: no line
                    if (!Double.isNaN(cores)) {
                        v[3] += cores;
                        v[4] = 1;
                    }
                    if (!Double.isNaN(wait)) {
                        v[5] += wait;
                        v[6] = 1;
                    }
                }
            }
            double time = Math.max(0, (b.time() - t0) / 1000.0); // the first bucket starts before the recording
            acc.forEach((t, v) -> points.get(t).add(new double[] {time, v[0], v[1], v[2], v[4] > 0 ? v[3] : Double.NaN,
                    v[6] > 0 ? v[5] : Double.NaN}));
        }
        List<Chart> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chart.LineBuilder conf = new Chart.LineBuilder("configured", Chart.Role.CONFIGURED);
            Chart.LineBuilder size = new Chart.LineBuilder("live workers", Chart.Role.SIZE);
            Chart.LineBuilder cpu = new Chart.LineBuilder("CPU cores", Chart.Role.CPU);
            Chart.LineBuilder busy = new Chart.LineBuilder("busy", Chart.Role.BUSY);
            Chart.LineBuilder wait = new Chart.LineBuilder("waiting for CPU", Chart.Role.WAIT);
            for (double[] p : points.get(i)) {
                size.add(p[0], Math.max(p[1], p[2])); // a busy worker is alive, even if it ended before the sample
                busy.add(p[0], p[2]);
                if (p[3] > 0) {
                    conf.add(p[0], p[3]); // NaN (an unbounded member) is left out
                }
                cpu.add(p[0], p[4]);
                wait.add(p[0], p[5]);
            }
            // drawn in this order: busy last, on top of everything it could equal
            List<Chart.Line> lines = new ArrayList<>(List.of(size.build(), conf.build(), cpu.build(), wait.build(),
                    busy.build()));
            lines.removeIf(Chart.Line::isEmpty);
            double ref = references.get(i)[0];
            out.add(new Chart(titles.get(i), yLabels.get(i), true, lines, ref, ref > 0 ? referenceLabel : ""));
        }
        return out;
    }
}
