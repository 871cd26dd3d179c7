package dev.threadguard.bootstrap;

import java.util.concurrent.ForkJoinPool;

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
            s.noWorkerYet = true;
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
}
