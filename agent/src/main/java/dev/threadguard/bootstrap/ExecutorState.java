package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.Schema;
import dev.threadguard.events.kinds.ExecutorKind;
import dev.threadguard.events.kinds.PoolKinds;
import dev.threadguard.events.live.PoolView;
import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A ThreadPoolExecutor (or subclass): busy workers counted per task, the rest read at sample time. */
final class ExecutorState extends PoolState {
    private final WeakReference<ThreadPoolExecutor> ref;
    // plain fields with VarHandles, not three Atomic objects per pool
    private static final VarHandle BUSY;
    private static final VarHandle PEAK;
    private static final VarHandle REJECTIONS;
    private static final VarHandle COUNTS_EVERY_TASK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BUSY = l.findVarHandle(ExecutorState.class, "busy", int.class);
            PEAK = l.findVarHandle(ExecutorState.class, "peak", int.class);
            REJECTIONS = l.findVarHandle(ExecutorState.class, "rejections", long.class);
            COUNTS_EVERY_TASK = l.findVarHandle(ExecutorState.class, "countsEveryTask", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int busy;
    private volatile int peak;
    /**
     * The counter saw every task: the pool was seen from its constructor, and its tasks' starts and
     * ends pass the hooks (a subclass's beforeExecute or afterExecute that skips super's does not:
     * the counter then goes below 0 or above the most workers the pool ever had). Else busy is the
     * pool's own active count, which includes workers whose task is over but that have not yet run
     * afterExecute.
     */
    volatile boolean countsEveryTask;
    private volatile long rejections;
    volatile long lastRejectionEventNanos;
    int core;
    int max;
    /** At creation, for the label: core and max sizes, and the queue's shape. */
    private final int core0;
    private final int max0;
    private final int queueCapacity0;
    boolean allowCoreTimeout;
    long keepAliveNanos;

    ExecutorState(long id, ThreadPoolExecutor pool, Sites.Site site, long creatorPoolId) {
        this(id, pool, site, creatorPoolId, queueCapacity(pool.getQueue()));
    }

    /** The queue's capacity is read once: it is the pool's final queue's, and the sizes follow from it and core, max. */
    private ExecutorState(long id, ThreadPoolExecutor pool, Sites.Site site, long creatorPoolId, int queueCapacity) {
        super(id, PoolKinds.executor(pool), pool.getClass().getName(), site, creatorPoolId,
            configuredSize(queueCapacity, pool.getCorePoolSize(), pool.getMaximumPoolSize()));
        this.ref = new WeakReference<>(pool);
        this.core = pool.getCorePoolSize();
        this.max = pool.getMaximumPoolSize();
        this.core0 = core;
        this.max0 = max;
        this.queueCapacity0 = pool.getQueue() instanceof SynchronousQueue ? -2 : queueCapacity;
        this.allowCoreTimeout = pool.allowsCoreThreadTimeOut();
        this.keepAliveNanos = pool.getKeepAliveTime(TimeUnit.NANOSECONDS);
    }

    /** Seen from its constructor: no worker yet, and every task will pass the counter. */
    @Override
    void markFresh() {
        super.markFresh();
        COUNTS_EVERY_TASK.setRelease(this, true);
    }

    @Override
    ThreadPoolExecutor pool() {
        return ref.get();
    }

    void taskStarted() {
        int b = (int) BUSY.getAndAdd(this, 1) + 1;
        int p;
        while (b > (p = peak) && !PEAK.compareAndSet(this, p, b)) {
            // another worker raised the mark
        }
    }

    void taskEnded() {
        if ((int) BUSY.getAndAdd(this, -1) <= 0) {
            countsEveryTask = false;
        }
    }

    void rejected() {
        REJECTIONS.getAndAdd(this, 1L);
    }

    /** Rejections since the last call. */
    long takeRejections() {
        return (long) REJECTIONS.getAndSet(this, 0L);
    }

    private static int queueCapacity(BlockingQueue<?> q) {
        return ExecutorKind.queueCapacity(q);
    }

    /** As {@link ExecutorKind#configuredSize}, from the queue's capacity and the sizes. */
    private static int configuredSize(int queueCapacity, int core, int max) {
        return queueCapacity == Schema.UNBOUNDED ? Math.max(core, 1) : max;
    }

    /** "fixed(n)" made once per n: a pool per request otherwise formats it for every event. */
    private static final String[] FIXED_LABELS = new String[1024];

    private static String fixedLabel(int n) {
        if (n < 0 || n >= FIXED_LABELS.length) {
            return "fixed(" + n + ")";
        }
        String l = FIXED_LABELS[n];
        if (l == null) {
            l = "fixed(" + n + ")";
            FIXED_LABELS[n] = l;
        }
        return l;
    }

    @Override
    String label() {
        int core = core0;
        int max = max0;
        if (kind == PoolKinds.SCHEDULED) {
            return "scheduled(" + core + ")";
        }
        if (core == max && queueCapacity0 == Schema.UNBOUNDED) {
            return core == 1 ? "single" : fixedLabel(core);
        }
        if (core == 0 && max == Integer.MAX_VALUE && queueCapacity0 == -2) {
            return "cached";
        }
        return "executor(" + core + ".." + (max == Integer.MAX_VALUE ? "max" : Integer.toString(max)) + ")";
    }

    @Override
    int configuredSize() {
        ThreadPoolExecutor p = pool();
        return p == null ? max : kind.configuredSize(p);
    }

    @Override
    boolean terminationHooked() {
        return true;
    }

    @Override
    void afterSample() {
        ThreadPoolExecutor p = pool();
        if (p != null) {
            Emit.rejections(this, p, false);
        }
    }

    @Override
    PoolView live(long cpuNanos, long waitNanos) {
        ThreadPoolExecutor p = pool();
        if (p == null || p.isTerminated()) {
            return null;
        }
        return view(p.getPoolSize(), p.getCorePoolSize(), p.getMaximumPoolSize(), p.getActiveCount(), p.getQueue().size(),
            p.getCompletedTaskCount(), cpuNanos, waitNanos);
    }

    @Override
    void describe(PoolCreated e) {
        ThreadPoolExecutor p = pool();
        e.corePoolSize = core;
        e.maximumPoolSize = max;
        // core and max follow every resize (its hook), the queue's capacity is fixed: no read of the queue
        int queueCapacity = queueCapacity0 == -2 ? 0 : queueCapacity0;
        e.parallelism = p == null ? max : configuredSize(queueCapacity, core, max);
        e.keepAlive = keepAliveNanos;
        if (p != null) {
            e.queueType = p.getQueue().getClass().getName();
            e.queueCapacity = queueCapacity;
            e.threadFactory = p.getThreadFactory().getClass().getName();
        }
    }

    @Override
    boolean sample(PoolCounts e) {
        ThreadPoolExecutor p = pool();
        if (p == null) {
            return false;
        }
        // the counter before the sizes: a task it counts ran on a worker the largest size counts
        int counted = busy;
        int peakSince = (int) PEAK.getAndSet(this, Math.max(counted, 0));
        int size = p.getPoolSize();
        int largest = p.getLargestPoolSize();
        if (counted > largest) {
            countsEveryTask = false;
        }
        e.configuredSize = kind.configuredSize(p);
        e.poolSize = size;
        if (countsEveryTask) {
            e.busy = Math.max(Math.min(counted, size), 0);
            e.peakBusy = Math.min(Math.max(peakSince, e.busy), Math.max(size, largest));
        } else {
            int active = p.getActiveCount();
            e.busy = Math.min(active, size);
            e.peakBusy = Math.min(Math.max(Math.max(peakSince, active), e.busy), Math.max(size, largest));
        }
        e.idle = Math.max(size - e.busy, 0);
        e.queued = p.getQueue().size();
        e.completedTasks = p.getCompletedTaskCount();
        e.largestPoolSize = p.getLargestPoolSize();
        return true;
    }
}
