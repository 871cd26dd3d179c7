package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;

/** A ScheduledThreadPoolExecutor: a fixed core of workers for delayed and periodic tasks. */
final class ScheduledExecutorKind extends ExecutorKind {
    ScheduledExecutorKind() {
        super(Schema.KIND_SCHEDULED, "scheduled");
    }

    @Override
    public String constructor(String poolClass, int core, int max, int size) {
        return "Executors.newScheduledThreadPool(" + size + ")";
    }
}
