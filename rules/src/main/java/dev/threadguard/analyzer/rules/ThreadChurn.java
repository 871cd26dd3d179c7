package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.knobs.LibraryKnobs;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Threads started at a high rate while few are alive at once: a new thread per task instead of a pool.
 * Works from the JDK's own thread statistics too.
 */
public final class ThreadChurn implements Rule {
    public static final String ID = "thread-churn";
    public static final Threshold MIN_PER_SECOND = new Threshold("minPerSecond", Unit.PER_SECOND, 100, "threads started per second over the run");
    public static final Threshold MIN_STARTED_PER_PEAK = new Threshold("minStartedPerPeak", Unit.FACTOR, 20, "and threads started per peak live thread");
    public static final Evidence STARTED_THREADS = Evidence.of("startedThreads", Unit.THREADS, "threads started over the run");
    public static final Evidence PER_SECOND = Evidence.of("perSecond", Unit.PER_SECOND, "threads started per second");
    public static final Evidence PEAK_LIVE_THREADS = Evidence.of("peakLiveThreads", Unit.THREADS, "most threads alive at once");
    public static final Evidence STARTED_AT_SITE = Evidence.of("startedAtSite", Unit.THREADS,
            "threads started by the thread family (creation site and name) that started the most");

    public static final String APP_FIX = "reuse threads: submit the tasks to one pool (Executors.newFixedThreadPool(n) "
            + "sized to the work) instead of new Thread(...).start() per task";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "many short-lived threads: a new thread per task instead of a pool";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.anyOf(Schema.PROCESS_THREADS, "jdk.JavaThreadStatistics", "jdk.ThreadStart"));
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                MIN_PER_SECOND,
                MIN_STARTED_PER_PEAK);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double minRate = t.get(MIN_PER_SECOND);
        double minRatio = t.get(MIN_STARTED_PER_PEAK);
        List<Finding> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            double seconds = pm.durationSeconds();
            long started;
            if (pm.firstStartedAt != null && pm.lastStartedAt != null && pm.lastStartedAt.isAfter(pm.firstStartedAt)) {
                started = pm.startedThreads - pm.firstStartedThreads;
                seconds = (pm.lastStartedAt.toEpochMilli() - pm.firstStartedAt.toEpochMilli()) / 1000.0;
            } else {
                started = pm.jdkThreadStarts;
            }
            long peak = Math.max(pm.peakPlatformThreads, pm.jdkPeakThreads);
            if (seconds < 1 || peak <= 0) {
                continue;
            }
            double rate = started / seconds;
            if (rate < minRate || (double) started / peak < minRatio) {
                continue;
            }
            Churner c = Churner.of(pm);
            Finding.Builder b = new Finding.Builder(ID).severity(Severity.WARNING)
                    .title(Fmt.num(rate) + " threads started per second, at most " + peak + " alive")
                    .evidence(STARTED_THREADS, started)
                    .evidence(PER_SECOND, Fmt.round(rate, 1))
                    .evidence(PEAK_LIVE_THREADS, peak);
            String lead = started + " threads were started in " + Fmt.num(seconds) + " s (" + Fmt.num(rate)
                    + " per second) while at most " + peak + " were alive at once";
            String cost = ": each start costs a stack, an OS thread and a JIT warm-up.";
            if (c == null) {
                String top = topSpawn(pm);
                out.add(b.message(lead + (top.isEmpty() ? "" : "; most by " + top) + cost)
                        .location(top.replaceAll(" \\(\\d+\\)$", ""))
                        .recommendation(APP_FIX).build());
                continue;
            }
            b.evidence(STARTED_AT_SITE, c.started);
            String where = c.library.map(m -> ", inside " + m.library.name + " (" + m.libraryFrame + ")").orElse("")
                    + (c.library.isPresent() || c.threadPerTask ? c.appCall.map(s -> ", called from " + s).orElse("") : "");
            if (c.threadPerTask) {
                int cpus = pm.host.availableProcessors;
                b.message(lead + "; " + c.started + " of them by CompletableFuture, which runs every async task on a new"
                        + " thread while the common pool's parallelism is below 2"
                        + (cpus > 0 ? " (availableProcessors() is " + cpus + ")" : "") + where + cost)
                        .recommendation("give the async calls an Executor of your own"
                                + c.library.map(m -> ": " + m.library.name + " takes it with " + m.knob.setting).orElse(
                                        " (supplyAsync(task, pool), runAsync(task, pool))")
                                + c.appCall.map(s -> ", at " + s).orElse("")
                                + "; or let the common pool run them: -Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
            } else {
                b.message(lead + "; " + c.started + " of them by '" + c.family.label() + "'" + where + cost)
                        .recommendation(c.library.map(m -> "the threads are made inside " + m.library.name
                                + c.appCall.map(s -> ", by your call at " + s).orElse("") + ": do not edit " + m.library.name
                                + "; its knob: " + m.knob.setting + " (" + m.knob.note + ")").orElse(APP_FIX
                                + c.appCall.map(s -> ", at " + s).orElse("")));
            }
            out.add(b.location(c.appCall.orElse(c.family.creationSite.isEmpty() ? c.family.label() : c.family.creationSite)).build());
        }
        return out;
    }

    /** The busiest parent -> child thread names of the JDK's spawn tree (recordings without the agent). */
    private static String topSpawn(ProcessModel pm) {
        String top = "";
        int topCount = 0;
        for (var e : pm.jdkSpawn.entrySet()) {
            for (var c : e.getValue().entrySet()) {
                if (c.getValue() > topCount) {
                    topCount = c.getValue();
                    top = e.getKey() + " -> " + c.getKey();
                }
            }
        }
        return top.isEmpty() ? "" : top + " (" + topCount + ")";
    }

    /**
     * The thread family that started the most threads. Families of one creation site and name add up:
     * a family ends with its last thread, and the next start from the same site opens a new one.
     */
    static final class Churner {
        final PoolStats family;
        final int started;
        final boolean threadPerTask;
        final Optional<LibraryKnobs.Match> library;
        final Optional<String> appCall;

        private Churner(PoolStats family, int started) {
            this.family = family;
            this.started = started;
            this.threadPerTask = family.creationFrames.stream().anyMatch(f -> f.startsWith(THREAD_PER_TASK));
            this.library = Knobs.library(family);
            this.appCall = library.isPresent() ? library.get().callSite : LibraryKnobs.firstOutsideJdk(family.creationFrames);
        }

        static Churner of(ProcessModel pm) {
            Map<String, Integer> bySite = new HashMap<>();
            Map<String, PoolStats> first = new HashMap<>();
            for (PoolStats p : pm.pools.values()) {
                if (!p.kind().threadsOnly() || p.threadsStarted == 0) {
                    continue;
                }
                String key = p.creationSite + "\n" + p.namePattern;
                bySite.merge(key, p.threadsStarted, Integer::sum);
                first.merge(key, p, (a, n) -> a.creationFrames.isEmpty() && !n.creationFrames.isEmpty() ? n : a);
            }
            return bySite.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> new Churner(first.get(e.getKey()), e.getValue())).orElse(null);
        }
    }

    /** CompletableFuture's executor for async tasks while the common pool's parallelism is below 2 (JDK 8 to 25). */
    static final String THREAD_PER_TASK = "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor.";
}
