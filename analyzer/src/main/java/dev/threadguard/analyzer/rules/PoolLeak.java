package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.model.Series;
import dev.threadguard.events.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pools (or thread families) created again and again from one site and never shut down: a pool per request.
 * The threads of the process grow with them.
 */
public final class PoolLeak implements Rule {
    public static final String ID = "pool-leak";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pools created again and again from one site and never shut down (a pool per request)";
    }

    @Override
    public List<String> events() {
        return List.of(Schema.POOL_CREATED, Schema.POOL_SHUTDOWN, Schema.PROCESS_THREADS);
    }

    @Override
    public boolean needsAgent() {
        return true;
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                new Threshold("minPools", 10, "pools or thread families created from one site"),
                new Threshold("minOpenShare", 0.5, "share of them never shut down"));
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double minPools = t.get(this, "minPools");
        double minOpenShare = t.get(this, "minOpenShare");
        List<Finding> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            Map<String, List<PoolStats>> bySite = new LinkedHashMap<>();
            for (PoolStats p : pm.pools.values()) {
                if (p.isCommonPool() || p.creationSite.isEmpty()) {
                    continue;
                }
                bySite.computeIfAbsent((p.isFamily() ? "F|" : "P|") + p.creationSite, k -> new ArrayList<>()).add(p);
            }
            for (List<PoolStats> group : bySite.values()) {
                if (group.size() < minPools) {
                    continue;
                }
                int open = 0;
                int liveWorkers = 0;
                Instant first = null;
                Instant last = null;
                for (PoolStats p : group) {
                    if (p.shutdown == null) {
                        open++;
                        liveWorkers += p.peakSize();
                    }
                    if (p.created != null) {
                        first = first == null || p.created.isBefore(first) ? p.created : first;
                        last = last == null || p.created.isAfter(last) ? p.created : last;
                    }
                }
                if ((double) open / group.size() < minOpenShare) {
                    continue;
                }
                PoolStats p = group.get(0);
                double minutes = first == null || last == null ? 0 : Duration.between(first, last).toMillis() / 60000.0;
                double perMinute = minutes > 0 ? (group.size() - 1) / minutes : Double.NaN;
                double startThreads = Double.NaN;
                double endThreads = Double.NaN;
                List<Series.Point> pts = pm.threads.points();
                if (!pts.isEmpty()) {
                    startThreads = pts.get(0).mean()[0];
                    endThreads = pts.get(pts.size() - 1).mean()[0];
                }
                double peakThreads = pm.peakPlatformThreads > 0 ? pm.peakPlatformThreads : pm.jdkPeakThreads;
                String what = p.isFamily() ? "thread families" : "pools";
                String msg = group.size() + " " + what + " were created at " + p.creationSite + " (like "
                        + Fmt.pool(model, p) + "), " + open + " never shut down, holding " + liveWorkers
                        + " threads" + (Double.isNaN(perMinute) ? "" : ", " + Fmt.num(perMinute) + " per minute")
                        + (Double.isNaN(startThreads) ? "" : "; live platform threads went from "
                                + Fmt.num(startThreads) + " to " + Fmt.num(endThreads) + " (peak "
                                + Fmt.num(peakThreads) + ")") + ".";
                boolean growing = !Double.isNaN(startThreads) && endThreads >= 2 * Math.max(startThreads, 1);
                out.add(new Finding.Builder(ID).severity(growing ? Severity.CRITICAL : Severity.WARNING)
                        .title(group.size() + " " + what + " created at one site, " + open + " never shut down")
                        .message(msg)
                        .evidence("created", group.size())
                        .evidence("neverShutDown", open)
                        .evidence("threadsHeld", liveWorkers)
                        .evidence("createdPerMinute", Fmt.round(perMinute, 1))
                        .evidence("threadsAtStart", startThreads)
                        .evidence("threadsAtEnd", endThreads)
                        .evidence("peakThreads", peakThreads)
                        .location(p.creationSite)
                        .recommendation(p.isFamily()
                                ? "create the threads once and reuse them (one shared event loop/pool), or stop them when done: "
                                        + p.creationSite
                                : "create the pool once and reuse it (a field, not per call), or shut it down in a finally "
                                        + "block / try-with-resources: " + p.creationSite)
                        .build());
            }
        }
        return out;
    }
}
