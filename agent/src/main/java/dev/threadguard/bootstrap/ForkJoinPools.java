package dev.threadguard.bootstrap;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** ForkJoinPools and the common pool: found at their constructors, from a worker thread, or as the JVM's. */
final class ForkJoinPools {
    private ForkJoinPools() {}

    static ForkJoinState forkJoin(ForkJoinPool pool) {
        PoolState s = Registry.POOLS.get(pool);
        if (s instanceof ForkJoinState) {
            return (ForkJoinState) s;
        }
        if (pool.isShutdown()) {
            PoolState ended = Registry.recentlyEnded(pool);
            return ended instanceof ForkJoinState ? (ForkJoinState) ended : null;
        }
        return forkJoinCreated(pool, true);
    }

    static ForkJoinState forkJoinCreated(ForkJoinPool pool, boolean discoveredLate) {
        if (Registry.onAgentThread() && pool != ForkJoinPool.commonPool()) {
            return null;
        }
        // ForkJoinPool's constructors delegate to one another: the first hook to finish registers it
        PoolState known = discoveredLate ? Registry.POOLS.get(pool) : Registry.POOLS.getHere(pool);
        if (known instanceof ForkJoinState) {
            return (ForkJoinState) known;
        }
        ForkJoinPool commonPool = ForkJoinPool.commonPool();
        if (commonPool == null) {
            // ForkJoinPool's class initialiser is building the common pool right now: registered as such later
            return null;
        }
        boolean common = pool == commonPool;
        Sites.Site site = common ? new Sites.Site("java.util.concurrent.ForkJoinPool.commonPool()", "")
            : discoveredLate ? Sites.Site.UNKNOWN : Sites.creation(pool.getClass());
        ForkJoinState s = new ForkJoinState(Registry.nextId(), pool, common, site, common ? 0 : Registry.creatorId());
        if (!common && !discoveredLate) {
            s.markFresh();
            s.creationFrames = Sites.framesForReplay();
        }
        if (common || discoveredLate) {
            PoolState winner = Registry.POOLS.addFound(pool, s);
            if (winner != s) {
                return winner instanceof ForkJoinState ? (ForkJoinState) winner : null;
            }
        } else {
            Registry.POOLS.addNew(pool, s, Registry.COLLECTED);
        }
        Emit.poolCreated(s, common || discoveredLate);
        return s;
    }

    static void forkJoinConfigured(ForkJoinPool pool) {
        ForkJoinState s = forkJoin(pool);
        if (s == null) {
            return;
        }
        int p = pool.getParallelism();
        Emit.configChanged(s, "parallelism", s.parallelism, p);
        s.parallelism = p;
    }

    /** A ForkJoin worker thread: it names its pool itself, no map is asked. */
    static boolean isWorker(Thread t) {
        return t instanceof ForkJoinWorkerThread;
    }

    /** The pool of ForkJoin worker {@code t} as known now (null when it is not known or ended). */
    static PoolState known(Thread t) {
        return Registry.POOLS.get(((ForkJoinWorkerThread) t).getPool());
    }

    /** The state of ForkJoin worker {@code t}'s pool, registering a pool first seen now; null for a pool that ended. */
    static ForkJoinState ofWorker(Thread t) {
        return forkJoin(((ForkJoinWorkerThread) t).getPool());
    }

    /** A worker of {@code target} itself: its submissions into its own pool are no nesting. */
    static boolean ownWorker(Thread t, Object target) {
        return t instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) t).getPool() == target;
    }

    /**
     * ForkJoinTask.fork(): on a thread that is no ForkJoin worker the task goes to the common pool.
     * True when that wrote a NestedPoolUse for the hook to commit.
     */
    static boolean forked() {
        return !(Thread.currentThread() instanceof ForkJoinWorkerThread)
            && Nesting.submitted(ForkJoinPool.commonPool(), "ForkJoinTask.fork");
    }

    /** After an attach: the pools of live ForkJoin workers (executors are found at their next task). */
    static void discoverLiveWorkers() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t instanceof ForkJoinWorkerThread) {
                ForkJoinState s = forkJoinCreated(((ForkJoinWorkerThread) t).getPool(), true);
                if (s != null) {
                    s.addWorker(t, false);
                }
            }
        }
    }
}
