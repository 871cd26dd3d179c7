package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.Schema;
import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A ThreadPoolExecutor (or subclass): busy workers counted per task, the rest read at sample time. */
final class ExecutorState extends PoolState {
    private final WeakReference<ThreadPoolExecutor> ref;
    final AtomicInteger busy = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicLong rejections = new AtomicLong();
    volatile long lastRejectionEventNanos;
    int core;
    int max;
    boolean allowCoreTimeout;
    long keepAliveNanos;

    ExecutorState(long id, ThreadPoolExecutor pool, Sites.Site site, long creatorPoolId) {
        super(id, pool instanceof ScheduledThreadPoolExecutor ? Schema.KIND_SCHEDULED : Schema.KIND_TPE,
            pool.getClass().getName(), site, label(pool), creatorPoolId, effectiveSize(pool));
        this.ref = new WeakReference<>(pool);
        this.core = pool.getCorePoolSize();
        this.max = pool.getMaximumPoolSize();
        this.allowCoreTimeout = pool.allowsCoreThreadTimeOut();
        this.keepAliveNanos = pool.getKeepAliveTime(TimeUnit.NANOSECONDS);
    }

    @Override
    ThreadPoolExecutor pool() {
        return ref.get();
    }

    void taskStarted() {
        int b = busy.incrementAndGet();
        int p;
        while (b > (p = peak.get()) && !peak.compareAndSet(p, b)) {
            // another worker raised the mark
        }
    }

    void taskEnded() {
        busy.decrementAndGet();
    }

    /** The most workers the pool can reach: with an unbounded queue, max is never used. */
    static int effectiveSize(ThreadPoolExecutor p) {
        return queueCapacity(p.getQueue()) == Schema.UNBOUNDED ? Math.max(p.getCorePoolSize(), 1) : p.getMaximumPoolSize();
    }

    static int queueCapacity(BlockingQueue<?> q) {
        if (q instanceof SynchronousQueue) {
            return 0;
        }
        int remaining = q.remainingCapacity();
        if (remaining == Integer.MAX_VALUE) {
            return Schema.UNBOUNDED;
        }
        return remaining + q.size();
    }

    static String label(ThreadPoolExecutor p) {
        int core = p.getCorePoolSize();
        int max = p.getMaximumPoolSize();
        if (p instanceof ScheduledThreadPoolExecutor) {
            return "scheduled(" + core + ")";
        }
        BlockingQueue<?> q = p.getQueue();
        if (core == max && queueCapacity(q) == Schema.UNBOUNDED) {
            return core == 1 ? "single" : "fixed(" + core + ")";
        }
        if (core == 0 && max == Integer.MAX_VALUE && q instanceof SynchronousQueue) {
            return "cached";
        }
        return "executor(" + core + ".." + (max == Integer.MAX_VALUE ? "max" : Integer.toString(max)) + ")";
    }

    @Override
    int configuredSize() {
        ThreadPoolExecutor p = pool();
        return p == null ? max : effectiveSize(p);
    }

    @Override
    void describe(PoolCreated e) {
        ThreadPoolExecutor p = pool();
        e.corePoolSize = core;
        e.maximumPoolSize = max;
        e.parallelism = p == null ? max : effectiveSize(p);
        e.keepAlive = keepAliveNanos;
        if (p != null) {
            e.queueType = p.getQueue().getClass().getName();
            e.queueCapacity = queueCapacity(p.getQueue());
            e.threadFactory = p.getThreadFactory().getClass().getName();
        }
    }

    @Override
    boolean sample(PoolCounts e) {
        ThreadPoolExecutor p = pool();
        if (p == null) {
            return false;
        }
        int size = p.getPoolSize();
        int active = p.getActiveCount();
        int counted = busy.get();
        int peakSince = peak.getAndSet(Math.max(counted, 0));
        e.configuredSize = effectiveSize(p);
        e.poolSize = size;
        e.busy = Math.min(active, size);
        e.idle = Math.max(size - e.busy, 0);
        e.peakBusy = Math.min(Math.max(Math.max(peakSince, active), e.busy), Math.max(size, p.getLargestPoolSize()));
        e.queued = p.getQueue().size();
        e.completedTasks = p.getCompletedTaskCount();
        e.largestPoolSize = p.getLargestPoolSize();
        return true;
    }
}
