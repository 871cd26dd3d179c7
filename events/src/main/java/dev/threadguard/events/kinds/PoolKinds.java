package dev.threadguard.events.kinds;

import java.util.List;

/** Every pool kind threadguard knows, and the lookup by the id a recording carries. */
public final class PoolKinds {
    private PoolKinds() {}

    public static final PoolKind EXECUTOR = new ExecutorKind();
    public static final PoolKind SCHEDULED = new ScheduledExecutorKind();
    public static final PoolKind FORK_JOIN = new ForkJoinKind();
    public static final PoolKind COMMON_POOL = new CommonPoolKind();
    public static final PoolKind FAMILY = new FamilyKind();
    public static final PoolKind EVENT_LOOP_GROUP = new EventLoopGroupKind();

    public static final List<PoolKind> ALL = List.of(EXECUTOR, SCHEDULED, FORK_JOIN, COMMON_POOL, FAMILY, EVENT_LOOP_GROUP);

    /** The kind of a live ThreadPoolExecutor (a ScheduledThreadPoolExecutor is one too). */
    public static PoolKind executor(java.util.concurrent.ThreadPoolExecutor pool) {
        return pool instanceof java.util.concurrent.ScheduledThreadPoolExecutor ? SCHEDULED : EXECUTOR;
    }

    /** The kind a recording names; a kind this version does not know reads as a pool bounded by what was seen. */
    public static PoolKind of(String id) {
        for (PoolKind k : ALL) {
            if (k.is(id)) {
                return k;
            }
        }
        return new Unknown(id == null ? "" : id);
    }

    /** A kind written by another version of the agent: read with the fewest assumptions. */
    private static final class Unknown extends PoolKind {
        Unknown(String id) {
            super(id, id, "pool", Width.BOUNDED_OR_SEEN, Busy.TASKS);
        }

        @Override
        public Counts completedCounts() {
            return Counts.TASKS;
        }

        @Override
        public String constructor(String poolClass, int core, int max, int size) {
            return "";
        }
    }
}
