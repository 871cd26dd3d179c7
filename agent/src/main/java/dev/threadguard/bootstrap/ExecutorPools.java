package dev.threadguard.bootstrap;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** ThreadPoolExecutors: found at their constructor (or first hook), their workers, settings and rejections. */
final class ExecutorPools {
    private ExecutorPools() {}

    private static final long REJECTION_EVENT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    static ExecutorState executor(ThreadPoolExecutor pool) {
        PoolState s = Registry.POOLS.get(pool);
        if (s instanceof ExecutorState) {
            return (ExecutorState) s;
        }
        // a pool that ended was forgotten on purpose (but shutdown() returns after its own terminated());
        // else first seen after its constructor ran: created before the agent was installed
        // isShutdown, not isTerminated: terminated() runs (and the pool is forgotten) before TERMINATED is set
        if (pool.isShutdown()) {
            PoolState ended = Registry.recentlyEnded(pool);
            return ended instanceof ExecutorState ? (ExecutorState) ended : null;
        }
        return found(pool);
    }

    /**
     * The constructor's hook, once per pool (nobody else knows the pool yet): its PoolCreated, which
     * the hook returns for the woven constructor to commit, or null when no recording takes it.
     */
    static jdk.jfr.Event constructed(ThreadPoolExecutor pool) {
        if (Registry.onAgentThread()) {
            return null;
        }
        ExecutorState s = new ExecutorState(Registry.nextId(), pool, Sites.creation(pool.getClass()), Registry.creatorId());
        s.markFresh();
        s.creationFrames = Sites.framesForReplay();
        Registry.POOLS.addNew(pool, s, Registry.COLLECTED);
        return Emit.created(s);
    }

    /** A pool first seen after its constructor ran (created before the agent was installed). */
    private static ExecutorState found(ThreadPoolExecutor pool) {
        if (Registry.onAgentThread()) {
            return null;
        }
        PoolState known = Registry.POOLS.get(pool);
        if (known instanceof ExecutorState) {
            return (ExecutorState) known;
        }
        ExecutorState s = new ExecutorState(Registry.nextId(), pool, Sites.Site.UNKNOWN, Registry.creatorId());
        PoolState winner = Registry.POOLS.addFound(pool, s);
        if (winner != s) {
            return winner instanceof ExecutorState ? (ExecutorState) winner : null;
        }
        Emit.poolCreated(s, true);
        return s;
    }

    /**
     * The task a worker runs now (beforeExecute's), and whether it is over already: a FutureTask is
     * over when its result is set, before the threads waiting for it wake. The worker still holds the
     * task until afterExecute, and on a crowded CPU it may wait long for it once the waiter it woke
     * took its CPU: counted busy until then, the rollout's 8 tasks a step read 21-34 busy at once.
     */
    private static final class Running {
        ExecutorState pool;
        Object task;
        boolean over;
        int tasks;
    }

    private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

    static void taskStarted(ThreadPoolExecutor pool, Runnable task) {
        ExecutorState s = workerOf(pool);
        s.taskStarted();
        Running r = RUNNING.get();
        if (r == null) {
            r = new Running();
            RUNNING.set(r);
        }
        r.pool = s;
        r.task = task;
        r.over = false;
        if (++r.tasks == 2) {
            Tids.learnAtSecondTask(Thread.currentThread());
        }
    }

    static void taskEnded(ThreadPoolExecutor pool) {
        Running r = RUNNING.get();
        if (r != null && r.task != null) {
            boolean over = r.over;
            r.task = null;
            r.pool = null;
            r.over = false;
            if (over) {
                return;
            }
        }
        workerOf(pool).taskEnded();
    }

    static void taskCompleting(Object future) {
        if (!ThreadBits.mayBeWorker(Thread.currentThread())) {
            return;
        }
        Running r = RUNNING.get();
        if (r != null && r.task == future && !r.over && r.pool != null) {
            r.over = true;
            r.pool.taskEnded();
        }
    }

    /** Called on a worker's own thread before each task. */
    static ExecutorState workerOf(ThreadPoolExecutor pool) {
        PoolState s = Registry.cachedOwner();
        if (s instanceof ExecutorState && ((ExecutorState) s).pool() == pool) {
            return (ExecutorState) s;
        }
        ExecutorState e = executor(pool);
        Thread t = Thread.currentThread();
        e.addWorker(t, false);
        Registry.attribute(t, e);
        return e;
    }

    static void addingWorker(ThreadPoolExecutor pool) {
        // while addWorker runs, so Thread.start knows whose worker it starts
        Registry.startingWorkerOf(executor(pool));
    }

    static void addedWorker() {
        Registry.workerStartDone();
    }

    static void workerExited(ThreadPoolExecutor pool, boolean abrupt) {
        // the last worker exits after terminated(): its pool is known from the thread's cache
        PoolState cached = Registry.cachedOwner();
        ExecutorState s = cached instanceof ExecutorState && ((ExecutorState) cached).pool() == pool
            ? (ExecutorState) cached : executor(pool);
        Registry.forgetCachedOwner();
        if (s == null) {
            return;
        }
        s.removeWorker(Thread.currentThread());
        Emit.workerExited(s, abrupt, pool.getPoolSize());
    }

    static void executorConfigured(ThreadPoolExecutor pool) {
        ExecutorState s = executor(pool);
        if (s == null) {
            return;
        }
        int core = pool.getCorePoolSize();
        int max = pool.getMaximumPoolSize();
        boolean timeout = pool.allowsCoreThreadTimeOut();
        long keepAlive = pool.getKeepAliveTime(TimeUnit.NANOSECONDS);
        Emit.configChanged(s, "corePoolSize", s.core, core);
        Emit.configChanged(s, "maximumPoolSize", s.max, max);
        Emit.configChanged(s, "allowCoreThreadTimeOut", s.allowCoreTimeout ? 1 : 0, timeout ? 1 : 0);
        Emit.configChanged(s, "keepAlive", s.keepAliveNanos, keepAlive);
        s.core = core;
        s.max = max;
        s.allowCoreTimeout = timeout;
        s.keepAliveNanos = keepAlive;
    }

    static void rejected(ThreadPoolExecutor pool) {
        ExecutorState s = executor(pool);
        if (s == null) {
            return;
        }
        s.rejected();
        long now = System.nanoTime();
        if (now - s.lastRejectionEventNanos >= REJECTION_EVENT_GAP_NANOS) {
            s.lastRejectionEventNanos = now;
            Emit.rejections(s, pool, true);
        }
    }
}
