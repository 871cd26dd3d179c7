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
 * The threads of the process grow with them. A pool counts as left behind when the site made a new pool
 * after this one's last use while it was still running: a pool per request is used once and then passed
 * over, while a library's bounded set of workers made on demand (Reactor's boundedElastic) is used again
 * and again, not a leak. Families have no task counts: for them, never stopped is all there is. Pools a
 * library makes at several sites of its own for one call of the application (a HikariDataSource starts four
 * executors) are one cause: they are grouped by that call.
 */
public final class PoolLeak implements Rule {
    public static final String ID = "pool-leak";
    public static final Threshold MIN_POOLS = new Threshold("minPools", Unit.COUNT, 10, "pools or thread families created from one site");
    public static final Threshold MIN_OPEN_SHARE = new Threshold("minOpenShare", Unit.SHARE, 0.5, "share of the pools left behind (families: never stopped)");
    public static final Evidence CREATED = Evidence.of("created", Unit.COUNT, "pools or families created from the site (the larger count when it made both)");
    public static final Evidence NEVER_SHUT_DOWN = Evidence.of("neverShutDown", Unit.COUNT, "of them never shut down (of those described, past the model's cap of pools)");
    public static final Evidence LEFT_BEHIND = Evidence.of("leftBehind", Unit.COUNT, "pools left idle, still running, while the site made a newer one, and never used again (families: never stopped)");
    public static final Evidence THREADS_HELD = Evidence.of("threadsHeld", Unit.THREADS, "threads the pools never shut down hold");
    public static final Evidence CREATED_PER_MINUTE = Evidence.of("createdPerMinute", Unit.PER_MINUTE, "pools created per minute");
    public static final Evidence THREADS_AT_START = Evidence.of("threadsAtStart", Unit.THREADS, "live platform threads at the start of the recording");
    public static final Evidence THREADS_AT_END = Evidence.of("threadsAtEnd", Unit.THREADS, "live platform threads at its end");
    public static final Evidence PEAK_THREADS = Evidence.of("peakThreads", Unit.THREADS, "peak threads");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pools created again and again from one site and never shut down (a pool per request)";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.POOL_CREATED));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.POOL_SHUTDOWN, Schema.POOLS_ENDED_UNUSED, Schema.PROCESS_THREADS);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                MIN_POOLS,
                MIN_OPEN_SHARE);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double minPools = t.get(MIN_POOLS);
        double minOpenShare = t.get(MIN_OPEN_SHARE);
        List<Finding> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            Map<String, List<PoolStats>> bySite = new LinkedHashMap<>();
            java.util.Set<Long> together = new java.util.HashSet<>();
            for (dev.threadguard.analyzer.model.LogicalPools.Group g : dev.threadguard.analyzer.model.LogicalPools.of(pm)) {
                if (g.logical()) {
                    g.members().forEach(m -> together.add(m.id)); // one scheduler built in a loop: not a leak
                }
            }
            for (PoolStats p : pm.pools.values()) {
                if (p.kind().jvmOwned() || p.creationSite.isEmpty() || together.contains(p.id)) {
                    continue;
                }
                // pools and families from one site are one cause (a client object per call starts both)
                bySite.computeIfAbsent(cause(p), k -> new ArrayList<>()).add(p);
            }
            for (List<PoolStats> group : bySite.values()) {
                long families = group.stream().filter(m -> m.kind().threadsOnly()).count();
                // past the model's cap pools are counted by site, not described
                List<String> sites = group.stream().map(m -> m.creationSite).distinct().toList();
                long folded = sites.stream().mapToLong(s -> pm.foldedBySite.getOrDefault(s, 0)).sum();
                boolean familySite = group.get(0).kind().threadsOnly();
                long pools = group.size() - families + (familySite ? 0 : folded);
                families += familySite ? folded : 0;
                long created = Math.max(pools, families); // objects created per call that start both count once
                if (created < minPools) {
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
                int sitePools = group.size() - (int) group.stream().filter(m -> m.kind().threadsOnly()).count();
                int leftBehind = pools > 0 ? leftBehind(group, folded > 0) : open;
                if (pools > 0 ? leftBehind < minPools || (double) leftBehind / Math.max(sitePools, 1) < minOpenShare
                        : (double) open / group.size() < minOpenShare) {
                    continue; // pools shut down after use, or used again: a bounded set of workers, not one per call
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
                String what = pools > 0 && families > 0 ? pools + " pools and " + families + " thread families"
                        : (group.size() + folded) + " " + Fmt.plural(p.kind().noun());
                String described = folded == 0 ? "" : " (the first " + ProcessModel.MAX_POOLS + " pools of the recording"
                        + " are described one by one: " + group.size() + " of these)";
                java.util.Optional<dev.threadguard.analyzer.knobs.LibraryKnobs.Match> lib = Knobs.library(p);
                String oneCall = lib.flatMap(m -> m.callSite).isPresent() && sites.size() > 1
                        ? " by one call into " + lib.get().library.name : " at one site";
                String msg = what + " were created at " + p.creationSite + (sites.size() > 1 ? " and "
                        + (sites.size() - 1) + " other " + (sites.size() > 2 ? "sites" : "site") + " inside "
                        + lib.get().library.name + " for one call of yours" : "") + " (like "
                        + Fmt.pool(model, p) + ")" + (Double.isNaN(perMinute) ? "" : ", " + Fmt.num(perMinute) + " per minute")
                        + described + "; "
                        + (open == 0 && folded == 0 ? "all were shut down by the end of the recording"
                                : open + (folded == 0 ? "" : " of the " + group.size() + " described") + " never shut down, holding "
                                        + liveWorkers + " threads")
                        + (pools > 0 ? "; " + leftBehind + " were left idle, still running, while newer ones were made, and"
                                + " never used again" : "")
                        + (Double.isNaN(startThreads) ? "" : "; live platform threads went from "
                                + Fmt.num(startThreads) + " to " + Fmt.num(endThreads) + " (peak "
                                + Fmt.num(peakThreads) + ")") + ".";
                boolean growing = !Double.isNaN(startThreads) && endThreads >= 2 * Math.max(startThreads, 1);
                out.add(new Finding.Builder(ID).severity(growing ? Severity.CRITICAL : Severity.WARNING)
                        .title(what + " created" + oneCall + ", " + (pools > 0 ? leftBehind : open)
                                + (folded == 0 ? "" : " of " + group.size() + " described")
                                + (pools > 0 ? " left idle while newer ones were made" : " never shut down"))
                        .message(msg)
                        .evidence(CREATED, (int) created)
                        .evidence(NEVER_SHUT_DOWN, open)
                        .evidence(LEFT_BEHIND, leftBehind)
                        .evidence(THREADS_HELD, liveWorkers)
                        .evidence(CREATED_PER_MINUTE, Fmt.round(perMinute, 1))
                        .evidence(THREADS_AT_START, startThreads)
                        .evidence(THREADS_AT_END, endThreads)
                        .evidence(PEAK_THREADS, peakThreads)
                        .location(lib.flatMap(m -> m.callSite).orElse(p.creationSite))
                        .recommendation(fix(p))
                        .build());
            }
        }
        return out;
    }

    /**
     * Pools the site passed over: alive and not at work when the site made a newer pool (nor within one of
     * its sampling intervals after), and at work at most {@link #CLOSING_USES} times afterwards (a JDK
     * HttpClient collected later runs its closing tasks in its pool). Shut down later (at exit, or by that
     * cleanup) they were still left behind. A pool of a bounded set made on demand (Reactor's boundedElastic
     * makes one when every one made so far is taken) is at work when the next is made, or used again after
     * it: however slow the run, and however few its rounds of work, it is no pool per call.
     */
    static int leftBehind(List<PoolStats> group, boolean madeMoreThanDescribed) {
        List<Long> creations = new ArrayList<>();
        for (PoolStats p : group) {
            if (!p.kind().threadsOnly() && p.created != null && !p.replayed) {
                creations.add(p.created.toEpochMilli());
            }
        }
        creations.sort(null);
        if (madeMoreThanDescribed) {
            creations.add(Long.MAX_VALUE); // pools past the model's cap were made after every described one
        }
        int n = 0;
        for (PoolStats p : group) {
            if (p.kind().threadsOnly() || p.created == null || p.replayed) {
                continue; // a replayed pool's time is the replay's, not its creation's
            }
            if (passedOver(p, creations)) {
                n++;
            }
        }
        return n;
    }

    /** Uses after being passed over that still read as one use: a client's closing tasks. */
    static final int CLOSING_USES = 1;
    /** Newer creations looked at per pool: a site that makes thousands is judged by its first ones. */
    private static final int MAX_LOOKS = 1000;

    private static boolean passedOver(PoolStats p, List<Long> creations) {
        long created = p.created.toEpochMilli();
        // one sampling interval of the pool: its use around a creation is seen at its next sample
        long window = p.samples > 0 ? p.intervalNanos / p.samples / 1_000_000 : 0;
        int i = firstAfter(creations, created);
        for (int looks = 0; i < creations.size() && looks < MAX_LOOKS; i++, looks++) {
            long c = creations.get(i);
            if (p.shutdown != null && p.shutdown.toEpochMilli() <= c) {
                return false; // ended before the site made a newer one
            }
            if (c == Long.MAX_VALUE) {
                return true; // alive when the site went on past the described pools
            }
            if (!p.uses.atWorkDuring(c, c + window) && p.uses.after(c + window) <= CLOSING_USES) {
                return true;
            }
        }
        return false;
    }

    private static int firstAfter(List<Long> sorted, long t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid) <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The pool's cause: its creation site, or for a pool a library made, the application's call into the library. */
    private static String cause(PoolStats p) {
        return Knobs.library(p).flatMap(m -> m.callSite.map(c -> m.library.id + " " + c)).orElse(p.creationSite);
    }

    /** Create it once, or end it: in the words of the kind's own ending call; inside a library, at the app's call. */
    private static String fix(PoolStats p) {
        java.util.Optional<dev.threadguard.analyzer.knobs.LibraryKnobs.Match> lib = Knobs.library(p);
        if (lib.isPresent()) {
            dev.threadguard.analyzer.knobs.LibraryKnobs.Match m = lib.get();
            return "the " + Fmt.plural(p.kind().noun()) + " are made inside " + m.library.name
                    + m.callSite.map(c -> " by your call at " + c).orElse("") + ": make what that call creates once and"
                    + " share it (a field, not per call), or close it when done; do not edit " + m.library.name
                    + " (" + m.knob.setting + "; " + m.knob.note + ")";
        }
        String end = p.kind().shutdownCall();
        if (end.isEmpty()) {
            return "create the threads once and reuse them (one shared event loop/pool), or stop them when done: "
                    + p.creationSite;
        }
        return "create the " + p.kind().noun() + " once and reuse it (a field, not per call), or call " + end
                + " when done (a finally block / try-with-resources): " + p.creationSite;
    }
}
