package dev.threadguard.bootstrap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/** Submissions from one pool's workers into another pool: NestedPoolUse, once per pair of pools. */
final class Nesting {
    private Nesting() {}

    /** Pairs of (pool used, caller pool) remembered for NestedPoolUse. */
    static final int MAX_NESTED_PAIRS = 4096;

    /** Pair of pools (used, caller) → {api, call site}. */
    private static final ConcurrentHashMap<Long, String[]> NESTED = new ConcurrentHashMap<>();

    /**
     * A task submitted into {@code target} (a ForkJoinPool or ThreadPoolExecutor): recorded once per
     * pair of pools when the submitting thread is another pool's or family's worker. Every other
     * submission returns after a bit read (a thread that is certainly no worker), a class check
     * (a ForkJoin worker into its own pool) or the per-pool cache of the last target seen.
     * True when it wrote a NestedPoolUse for the hook to commit.
     */
    static boolean submitted(ThreadPoolExecutor target, String api) {
        PoolState caller = nestingCaller(target);
        return caller != null && nested(ExecutorPools.executor(target), caller, target, api);
    }

    static boolean submitted(ForkJoinPool target, String api) {
        PoolState caller = nestingCaller(target);
        return caller != null && nested(ForkJoinPools.forkJoin(target), caller, target, api);
    }

    /** The pool or family whose worker submits into {@code target}, if that may be a nesting not yet recorded. */
    private static PoolState nestingCaller(Object target) {
        Thread t = Thread.currentThread();
        // a ForkJoin worker is known by its class; any other thread by its bit
        if (ForkJoinPools.isWorker(t) ? ForkJoinPools.ownWorker(t, target) : !ThreadBits.mayBeWorker(t)) {
            return null;
        }
        PoolState caller = Registry.poolOfCurrentThread();
        return caller == null || caller.nestedInto == target || caller.pool() == target ? null : caller;
    }

    private static boolean nested(PoolState used, PoolState caller, Object target, String api) {
        if (used == null || used == caller) {
            return false;
        }
        long pair = (used.id << 32) ^ caller.id;
        if (NESTED.containsKey(pair) || NESTED.size() >= MAX_NESTED_PAIRS) {
            caller.nestedInto = target;
            return false;
        }
        caller.nestedInto = target;
        String[] use = {api, Sites.current(null).text};
        if (NESTED.putIfAbsent(pair, use) != null) {
            return false;
        }
        Emit.nestedUse(used, caller, use[0], use[1], false);
        return true;
    }

    /** For a recording that starts later: every pair again, between pools it is told about. */
    static void replay(Map<Long, PoolState> known) {
        NESTED.forEach((pair, use) -> {
            PoolState used = known.get(pair >>> 32);
            PoolState caller = known.get(pair & 0xffffffffL);
            if (used != null && caller != null) {
                Emit.nestedUse(used, caller, use[0], use[1], true);
            }
        });
    }
}
