package dev.threadguard.bootstrap;

import dev.threadguard.events.NestedPoolUse;
import dev.threadguard.events.PoolConfigChanged;
import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.PoolShutdown;
import dev.threadguard.events.TaskRejected;
import dev.threadguard.events.ThreadStartFailed;
import dev.threadguard.events.ThreadStarted;
import dev.threadguard.events.WorkerExited;
import java.util.concurrent.ThreadPoolExecutor;

/** Writes the instant events; the Registry decides what happened, this only records it. */
final class Emit {
    private Emit() {}

    /**
     * Events are written only once the agent's thread has registered every event class with JFR:
     * an app thread initialising an event class while JFR registers another deadlocks on JDK 17.
     */
    static volatile boolean ready;

    static void poolCreated(PoolState s, boolean replayed) {
        if (!ready) {
            return;
        }
        PoolCreated e = new PoolCreated();
        if (!e.isEnabled()) {
            return;
        }
        e.poolId = s.id;
        e.poolName = s.poolName;
        e.kind = s.kind;
        e.poolClass = s.poolClass;
        e.creationSite = s.creationSite;
        e.availableProcessors = s.availableProcessors;
        e.processorRelation = s.processorRelation;
        e.creatorPoolId = s.creatorPoolId;
        e.replayed = replayed;
        s.describe(e);
        e.commit();
        s.described = true;
    }

    static void threadStarted(Thread t, long poolId, long familyId, long creatorPoolId) {
        if (!ready) {
            return;
        }
        ThreadStarted e = new ThreadStarted();
        if (e.isEnabled()) {
            e.thread = t;
            e.poolId = poolId;
            e.familyId = familyId;
            e.creatorPoolId = creatorPoolId;
            e.commit();
        }
    }

    static void threadStartFailed(String threadName, long poolId, long creatorPoolId, String message) {
        if (!ready) {
            return;
        }
        ThreadStartFailed e = new ThreadStartFailed();
        if (e.isEnabled()) {
            e.threadName = threadName;
            e.poolId = poolId;
            e.creatorPoolId = creatorPoolId;
            e.liveThreads = Sampler.liveThreadsIfKnown();
            e.osThreads = ProcFs.countTasks();
            e.message = message;
            e.commit();
        }
    }

    static void workerExited(PoolState s, boolean abrupt, int poolSize) {
        if (!ready) {
            return;
        }
        WorkerExited e = new WorkerExited();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName;
            e.completedAbruptly = abrupt;
            e.poolSize = poolSize;
            e.commit();
        }
    }

    static void configChanged(PoolState s, String setting, long oldValue, long newValue) {
        if (!ready || oldValue == newValue) {
            return;
        }
        PoolConfigChanged e = new PoolConfigChanged();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName;
            e.setting = setting;
            e.oldValue = oldValue;
            e.newValue = newValue;
            e.commit();
        }
    }

    /** True if a recording took the event. */
    static boolean shutdown(PoolState s, String phase, int poolSize, long completedTasks) {
        if (!ready) {
            return false;
        }
        PoolShutdown e = new PoolShutdown();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName;
            e.phase = phase;
            e.poolSize = poolSize;
            e.completedTasks = completedTasks;
            e.commit();
            return true;
        }
        return false;
    }

    /** Writes the rejections counted since the last event, if any; the sampler flushes what a burst left. */
    static void rejections(ExecutorState s, ThreadPoolExecutor pool) {
        if (!ready) {
            return;
        }
        long n = s.rejections.getAndSet(0);
        if (n == 0) {
            return;
        }
        TaskRejected e = new TaskRejected();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName;
            e.rejections = n;
            e.poolSize = pool.getPoolSize();
            e.maximumPoolSize = pool.getMaximumPoolSize();
            e.queued = pool.getQueue().size();
            e.handler = pool.getRejectedExecutionHandler().getClass().getName();
            e.commit();
        }
    }

    static void nestedUse(PoolState used, PoolState caller, String api, String callSite, boolean replayed) {
        if (!ready) {
            return;
        }
        NestedPoolUse e = new NestedPoolUse();
        if (e.isEnabled()) {
            e.poolId = used.id;
            e.poolName = used.poolName;
            e.callerPoolId = caller.id;
            e.callerPoolName = caller.poolName;
            e.api = api;
            e.callSite = callSite;
            e.replayed = replayed;
            e.commit();
        }
    }
}
