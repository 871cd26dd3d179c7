package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;
import java.util.concurrent.ForkJoinPool;

/** A ForkJoinPool the application created: as wide as its parallelism. */
class ForkJoinKind extends PoolKind {
    ForkJoinKind() {
        this(Schema.KIND_FORK_JOIN, "fork-join");
    }

    ForkJoinKind(String id, String shortName) {
        super(id, shortName, "pool", Width.CONFIGURED, Busy.POOL_ESTIMATE);
    }

    @Override
    public boolean splitsTasks() {
        return true;
    }

    @Override
    public String constructor(String poolClass, int core, int max, int size) {
        return "new ForkJoinPool(" + size + ")";
    }

    @Override
    public int configuredSize(Object pool) {
        return ((ForkJoinPool) pool).getParallelism();
    }

    @Override
    public int poolSize(Object pool) {
        return ((ForkJoinPool) pool).getPoolSize();
    }

    @Override
    public Counts completedCounts() {
        return Counts.STEALS;
    }

    @Override
    public long completed(Object pool) {
        return ((ForkJoinPool) pool).getStealCount();
    }

    @Override
    public boolean terminated(Object pool) {
        return ((ForkJoinPool) pool).isTerminated();
    }
}
