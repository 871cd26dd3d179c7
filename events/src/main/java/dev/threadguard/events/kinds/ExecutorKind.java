package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/** A ThreadPoolExecutor or an application's subclass of it: busy workers counted per task. */
public class ExecutorKind extends PoolKind {
    ExecutorKind() {
        this(Schema.KIND_TPE, "executor");
    }

    ExecutorKind(String id, String shortName) {
        super(id, shortName, "pool", Width.BOUNDED_OR_SEEN, Busy.TASKS);
    }

    @Override
    public String constructor(String poolClass, int core, int max, int size) {
        if (core > 0 && core != max && max > 0) {
            return "new ThreadPoolExecutor(" + Math.min(core, size) + ", " + size + ", ...)";
        }
        return "Executors.newFixedThreadPool(" + size + ")";
    }

    /** The most workers the pool can reach: with an unbounded queue, the maximum is never used. */
    @Override
    public int configuredSize(Object pool) {
        ThreadPoolExecutor p = (ThreadPoolExecutor) pool;
        return queueCapacity(p.getQueue()) == Schema.UNBOUNDED ? Math.max(p.getCorePoolSize(), 1) : p.getMaximumPoolSize();
    }

    /** Tasks the queue can hold, queued ones included; {@link Schema#UNBOUNDED} when nothing bounds it. */
    public static int queueCapacity(BlockingQueue<?> q) {
        if (q instanceof SynchronousQueue) {
            return 0;
        }
        long capacity = (long) q.remainingCapacity() + q.size();
        return capacity >= Integer.MAX_VALUE ? Schema.UNBOUNDED : (int) capacity;
    }

    @Override
    public int poolSize(Object pool) {
        return ((ThreadPoolExecutor) pool).getPoolSize();
    }

    @Override
    public Counts completedCounts() {
        return Counts.TASKS;
    }

    @Override
    public long completed(Object pool) {
        // takes the pool's main lock: read for a recording or a scrape, never in a task's path
        return ((ThreadPoolExecutor) pool).getCompletedTaskCount();
    }

    @Override
    public boolean terminated(Object pool) {
        return ((ThreadPoolExecutor) pool).isTerminated();
    }
}
