package dev.threadguard.bootstrap;

import dev.threadguard.events.CodeSource;
import dev.threadguard.events.NestedPoolUse;
import dev.threadguard.events.PoolConfigChanged;
import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.PoolShutdown;
import dev.threadguard.events.PoolsEndedUnused;
import dev.threadguard.events.TaskRejected;
import dev.threadguard.events.ThreadStartFailed;
import dev.threadguard.events.ThreadStarted;
import dev.threadguard.events.WorkerExited;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Writes the instant events; the Registry decides what happened, this only records it.
 *
 * <p>An event with a stack trace that happens in the application's thread is not committed here: it
 * is handed back through the hook ({@link #take}) and committed by the woven JDK method itself, so
 * its stack begins at that JDK frame, with no agent frame on top. Written anywhere else (a replay
 * for a recording that started later, a termination noticed at a sample) it is the event's
 * {@code Detached} variant, which has no stack trace rather than the agent's.
 */
final class Emit {
    private Emit() {}

    /** What a hook returns when it has nothing to commit: never registered, so its commit() does nothing. */
    static final jdk.jfr.Event NONE = new NoEvent();
    /**
     * The event the current hook call will return for the woven code to commit, in a one-slot holder
     * per thread: one ThreadLocal lookup to hand it over and one to take it, and no shared counter.
     */
    private static final ThreadLocal<jdk.jfr.Event[]> PENDING = new ThreadLocal<>() {
        // a class, not a lambda: Emit initialises in premain, where a lambda costs an invokedynamic bootstrap
        @Override
        protected jdk.jfr.Event[] initialValue() {
            return new jdk.jfr.Event[2];
        }
    };
    /** The slot of an event without a stack trace that waits for the hook's exit: a ThreadStarted waits for its thread to run. */
    private static final int AT_EXIT = 1;
    /**
     * False until an event is first handed to a hook: while no recording ever took the events, every
     * hook returns without the ThreadLocal lookup (a sixth of a pool's cost under the agent).
     */
    private static volatile boolean used;

    /** The event waiting for the woven JDK frame to commit it, or NONE. Never throws. */
    static jdk.jfr.Event take() {
        try {
            if (!used) {
                return NONE;
            }
            jdk.jfr.Event[] slot = PENDING.get();
            jdk.jfr.Event atExit = slot[AT_EXIT];
            if (atExit != null) {
                slot[AT_EXIT] = null;
                atExit.commit();
            }
            jdk.jfr.Event e = slot[0];
            if (e == null) {
                return NONE;
            }
            slot[0] = null;
            return e;
        } catch (Throwable t) {
            return NONE;
        }
    }

    /** Hands the event to the hook; a second one in the same hook call is committed here (rare: two settings at once). */
    private static void pend(jdk.jfr.Event e) {
        jdk.jfr.Event[] slot = PENDING.get();
        jdk.jfr.Event earlier = slot[0];
        if (earlier != null) {
            earlier.commit();
        }
        slot[0] = e;
        if (!used) {
            used = true;
        }
    }

    /**
     * Events are written only once the agent's thread has registered every event class with JFR:
     * an app thread initialising an event class while JFR registers another deadlocks on JDK 17.
     */
    static volatile boolean ready;

    static void poolCreated(PoolState s, boolean replayed) {
        if (replayed) {
            describe(s, true);
        } else {
            jdk.jfr.Event e = describe(s, false);
            if (e != null) {
                pend(e);
            }
        }
    }

    /**
     * The PoolCreated of a pool created now, for its constructor's hook to return (no hand-over
     * through the thread's slot: two ThreadLocal lookups a pool), or null when no recording takes it.
     */
    static jdk.jfr.Event created(PoolState s) {
        return describe(s, false);
    }

    /** Fills the creation event; a replayed one is committed here, a live one returned. */
    private static jdk.jfr.Event describe(PoolState s, boolean replayed) {
        if (!ready) {
            return null;
        }
        PoolCreated e = replayed ? new PoolCreated.Detached() : new PoolCreated();
        if (!e.isEnabled()) {
            return null;
        }
        e.poolId = s.id;
        e.poolName = s.poolName();
        e.kind = s.kind.id();
        e.poolClass = s.poolClass;
        e.creationSite = s.creationSite;
        e.availableProcessors = s.availableProcessors;
        e.processorRelation = s.processorRelation;
        e.creatorPoolId = s.creatorPoolId;
        e.replayed = replayed;
        if (replayed) {
            e.creationFrames = s.creationFrames;
        }
        s.describe(e);
        s.markDescribed();
        if (replayed) {
            e.commit();
            return null;
        }
        return e;
    }

    /** A range for {@link UnusedEnds} to fill, or null when no recording takes it (or the recorder is not ready). */
    static PoolsEndedUnused endedUnusedRange() {
        if (!ready) {
            return null;
        }
        PoolsEndedUnused e = new PoolsEndedUnused();
        return e.isEnabled() ? e : null;
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
            // called at start()'s entry: written at its exit, when the thread has an id in the recording
            jdk.jfr.Event[] slot = PENDING.get();
            if (slot[AT_EXIT] != null) {
                slot[AT_EXIT].commit();
            }
            slot[AT_EXIT] = e;
            if (!used) {
                used = true;
            }
        }
    }

    /** The thread did not start: its ThreadStarted is not written. */
    static void dropThreadStarted() {
        if (used) {
            PENDING.get()[AT_EXIT] = null;
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
            pend(e);
        }
    }

    static void workerExited(PoolState s, boolean abrupt, int poolSize) {
        if (!ready) {
            return;
        }
        WorkerExited e = new WorkerExited();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName();
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
            e.poolName = s.poolName();
            e.setting = setting;
            e.oldValue = oldValue;
            e.newValue = newValue;
            pend(e);
        }
    }

    /** True if a recording took the event; live = in the thread that shut the pool down. */
    static boolean shutdown(PoolState s, String phase, boolean live) {
        if (!ready) {
            return false;
        }
        PoolShutdown e = live ? new PoolShutdown() : new PoolShutdown.Detached();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName();
            e.phase = phase;
            // read only for a recording: getCompletedTaskCount() takes the pool's lock
            e.poolSize = s.poolSize();
            e.completedTasks = s.completed();
            if (live) {
                pend(e);
            } else {
                e.commit();
            }
            return true;
        }
        return false;
    }

    /** Writes the rejections counted since the last event, if any; the sampler flushes what a burst left. */
    static void rejections(ExecutorState s, ThreadPoolExecutor pool, boolean live) {
        if (!ready) {
            return;
        }
        long n = s.takeRejections();
        if (n == 0) {
            return;
        }
        TaskRejected e = live ? new TaskRejected() : new TaskRejected.Detached();
        if (e.isEnabled()) {
            e.poolId = s.id;
            e.poolName = s.poolName();
            e.rejections = n;
            e.poolSize = pool.getPoolSize();
            e.maximumPoolSize = pool.getMaximumPoolSize();
            e.queued = pool.getQueue().size();
            e.handler = pool.getRejectedExecutionHandler().getClass().getName();
            if (live) {
                pend(e);
            } else {
                e.commit();
            }
        }
    }

    static void nestedUse(PoolState used, PoolState caller, String api, String callSite, boolean replayed) {
        if (!ready) {
            return;
        }
        NestedPoolUse e = replayed ? new NestedPoolUse.Detached() : new NestedPoolUse();
        if (e.isEnabled()) {
            e.poolId = used.id;
            e.poolName = used.poolName();
            e.callerPoolId = caller.id;
            e.callerPoolName = caller.poolName();
            e.api = api;
            e.callSite = callSite;
            e.replayed = replayed;
            if (replayed) {
                e.commit();
            } else {
                pend(e);
            }
        }
    }

    /** Where one package's classes came from ({@link CodeSources}); never on an application thread. */
    static void codeSource(String pkg, String location) {
        if (!ready) {
            return;
        }
        CodeSource e = new CodeSource();
        if (e.shouldCommit()) {
            e.packageName = pkg;
            e.location = location;
            e.commit();
        }
    }
}
