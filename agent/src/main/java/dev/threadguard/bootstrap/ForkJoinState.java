package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.Schema;
import dev.threadguard.events.kinds.PoolKinds;
import dev.threadguard.events.live.PoolView;
import java.lang.ref.WeakReference;
import java.util.concurrent.ForkJoinPool;

/** A ForkJoinPool or the common pool; busy workers are ForkJoinPool's own estimate at sample time. */
final class ForkJoinState extends PoolState {
    private final WeakReference<ForkJoinPool> ref;
    private int largest;
    int parallelism;

    ForkJoinState(long id, ForkJoinPool pool, boolean common, Sites.Site site, long creatorPoolId) {
        super(id, common ? PoolKinds.COMMON_POOL : PoolKinds.FORK_JOIN, pool.getClass().getName(), site,
            creatorPoolId, pool.getParallelism());
        this.ref = new WeakReference<>(pool);
        this.parallelism = pool.getParallelism();
        this.parallelism0 = parallelism;
        this.common = common;
    }

    private final int parallelism0;
    private final boolean common;

    @Override
    String label() {
        if (common || parallelism0 < 0 || parallelism0 >= LABELS.length) {
            return (common ? "commonPool(" : "forkjoin(") + parallelism0 + ")";
        }
        String l = LABELS[parallelism0];
        if (l == null) {
            l = "forkjoin(" + parallelism0 + ")";
            LABELS[parallelism0] = l;
        }
        return l;
    }

    /** "forkjoin(n)" made once per n: a pool per request otherwise formats it for every event. */
    private static final String[] LABELS = new String[1024];

    @Override
    ForkJoinPool pool() {
        return ref.get();
    }

    @Override
    int configuredSize() {
        ForkJoinPool p = pool();
        return p == null ? parallelism : p.getParallelism();
    }

    @Override
    PoolView live(long cpuNanos, long waitNanos) {
        ForkJoinPool p = pool();
        if (p == null || p.isTerminated()) {
            return null;
        }
        int parallelism = p.getParallelism();
        return view(p.getPoolSize(), parallelism, parallelism, p.getActiveThreadCount(),
            p.getQueuedTaskCount() + p.getQueuedSubmissionCount(), p.getStealCount(), cpuNanos, waitNanos);
    }

    @Override
    void describe(PoolCreated e) {
        ForkJoinPool p = pool();
        e.corePoolSize = parallelism;
        e.maximumPoolSize = parallelism;
        e.parallelism = parallelism;
        e.queueType = "work-stealing";
        e.queueCapacity = Schema.UNBOUNDED;
        if (p != null) {
            e.threadFactory = p.getFactory().getClass().getName();
        }
    }

    @Override
    boolean sample(PoolCounts e) {
        ForkJoinPool p = pool();
        if (p == null) {
            return false;
        }
        int size = p.getPoolSize();
        largest = Math.max(largest, size);
        int active = Math.min(p.getActiveThreadCount(), size);
        e.configuredSize = p.getParallelism();
        e.poolSize = size;
        e.busy = active;
        e.idle = Math.max(size - active, 0);
        e.peakBusy = active;
        e.queued = p.getQueuedTaskCount() + p.getQueuedSubmissionCount();
        e.completedTasks = p.getStealCount();
        e.largestPoolSize = largest;
        return true;
    }
}
