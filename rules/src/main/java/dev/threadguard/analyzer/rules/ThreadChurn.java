package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.List;

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
            out.add(new Finding.Builder(ID).severity(Severity.WARNING)
                    .title(Fmt.num(rate) + " threads started per second, at most " + peak + " alive")
                    .message(started + " threads were started in " + Fmt.num(seconds) + " s (" + Fmt.num(rate)
                            + " per second) while at most " + peak + " were alive at once"
                            + (top.isEmpty() ? "" : "; most by " + top + " (" + topCount + ")")
                            + ": each start costs a stack, an OS thread and a JIT warm-up.")
                    .evidence(STARTED_THREADS, started)
                    .evidence(PER_SECOND, Fmt.round(rate, 1))
                    .evidence(PEAK_LIVE_THREADS, peak)
                    .location(top)
                    .recommendation("reuse threads: submit the tasks to one pool (Executors.newFixedThreadPool(n) "
                            + "sized to the work) instead of new Thread(...).start() per task")
                    .build());
        }
        return out;
    }
}
