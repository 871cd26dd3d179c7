package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool's rejection handler ran: work was refused (or run by the caller) because the pool was full. A pool a
 * library made with a discarding handler sheds work by its design (HikariCP's connection adder drops requests
 * for a connection while one is being added): nothing to report. A library's pool that refuses work is fixed
 * with the library's knob at the application's call, never in the library's code.
 */
public final class TasksRejected implements Rule {
    public static final String ID = "tasks-rejected";
    public static final Threshold MIN_REJECTIONS = new Threshold("minRejections", Unit.TASKS, 1, "rejections needed to report a pool");
    public static final Evidence REJECTIONS = Evidence.of("rejections", Unit.TASKS, "tasks rejected");
    public static final Evidence MAXIMUM_POOL_SIZE = Evidence.of("maximumPoolSize", Unit.THREADS, "the pool's maximum size");
    public static final Evidence QUEUE_CAPACITY = Evidence.of("queueCapacity", Unit.TASKS, "queue capacity, -1 unbounded");
    public static final Evidence PEAK_BUSY = Evidence.of("peakBusy", Unit.THREADS, "most workers busy at once");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a pool rejected tasks: full queue and all workers busy";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.POOL_CREATED));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.TASK_REJECTED);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(MIN_REJECTIONS);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double min = t.get(MIN_REJECTIONS);
        List<Finding> out = new ArrayList<>();
        for (PoolStats p : model.pools()) {
            if (p.rejections < Math.max(1, min)) {
                continue;
            }
            boolean discards = discarding(p.rejectionHandler);
            if (discards && Knobs.library(p).isPresent()) {
                continue;
            }
            out.add(new Finding.Builder(ID).severity(Severity.WARNING)
                    .title(p.rejections + " tasks rejected by " + PoolSizedToCores.shortName(p.label()))
                    .message("Pool " + Fmt.pool(model, p) + " rejected " + p.rejections + " tasks (max " + p.width()
                            + " workers, queue " + (p.queueCapacity < 0 ? "unbounded" : "capacity " + p.queueCapacity)
                            + ", peak busy " + p.peakBusy() + ")"
                            + (discards ? "; its handler " + simpleName(p.rejectionHandler) + " dropped them: that work was lost"
                                    : "") + ".")
                    .evidence(REJECTIONS, p.rejections)
                    .evidence(MAXIMUM_POOL_SIZE, p.width())
                    .evidence(QUEUE_CAPACITY, p.queueCapacity)
                    .evidence(PEAK_BUSY, p.peakBusy())
                    .location(Fmt.where(p))
                    .recommendation(Knobs.fix(model, p, "bound the producers instead of adding threads: a CallerRunsPolicy"
                            + " or a semaphore in front of the pool at " + Fmt.where(p)))
                    .build());
        }
        return out;
    }

    /** A handler that drops the task (the JDK's DiscardPolicy and DiscardOldestPolicy, and libraries' own). */
    static boolean discarding(String handlerClass) {
        return simpleName(handlerClass).contains("Discard");
    }

    private static String simpleName(String className) {
        String s = className == null ? "" : className;
        return s.substring(Math.max(s.lastIndexOf('.'), s.lastIndexOf('$')) + 1);
    }
}
