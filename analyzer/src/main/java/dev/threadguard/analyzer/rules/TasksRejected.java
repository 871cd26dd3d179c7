package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.List;

/** A pool's rejection handler ran: work was refused (or run by the caller) because the pool was full. */
public final class TasksRejected implements Rule {
    public static final String ID = "tasks-rejected";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a pool rejected tasks: full queue and all workers busy";
    }

    @Override
    public List<String> events() {
        return List.of(Schema.TASK_REJECTED);
    }

    @Override
    public boolean needsAgent() {
        return true;
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(new Threshold("minRejections", 1, "rejections needed to report a pool"));
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double min = t.get(this, "minRejections");
        List<Finding> out = new ArrayList<>();
        for (PoolStats p : model.pools()) {
            if (p.rejections < Math.max(1, min)) {
                continue;
            }
            out.add(new Finding.Builder(ID).severity(Severity.WARNING)
                    .title(p.rejections + " tasks rejected by " + PoolSizedToCores.shortName(p))
                    .message("Pool " + Fmt.pool(model, p) + " rejected " + p.rejections + " tasks (max " + p.width()
                            + " workers, queue " + (p.queueCapacity < 0 ? "unbounded" : "capacity " + p.queueCapacity)
                            + ", peak busy " + p.peakBusy() + ").")
                    .evidence("rejections", p.rejections)
                    .evidence("maximumPoolSize", p.width())
                    .evidence("queueCapacity", p.queueCapacity)
                    .evidence("peakBusy", p.peakBusy())
                    .location(Fmt.where(p))
                    .recommendation("bound the producers instead of adding threads: a CallerRunsPolicy or a "
                            + "semaphore in front of the pool at " + Fmt.where(p))
                    .build());
        }
        return out;
    }
}
