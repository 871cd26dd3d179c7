package dev.threadguard.bootstrap;

import dev.threadguard.events.Schema;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every live pool, family and attributed thread: who is whose worker, and what happened to them
 * ({@link Emit} writes it). Pools and threads are held weakly; state of a pool
 * that was collected, or a family without threads, is dropped by the sampler.
 */
final class Registry {
    private Registry() {}

    /** Families beyond this many are folded into one, so a program that names every thread uniquely stays bounded. */
    static final int MAX_FAMILIES = 2048;
    /** Pairs of (pool used, caller pool) remembered for NestedPoolUse. */
    static final int MAX_NESTED_PAIRS = 4096;
    private static final long REJECTION_EVENT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final AtomicLong IDS = new AtomicLong();
    private static final PoolTable POOLS = new PoolTable(new Collected());
    private static final WeakIdentityMap<Thread, PoolState> THREADS = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Thread, Boolean> EXCLUDED = new WeakIdentityMap<>();
    private static final ConcurrentHashMap<String, FamilyState> FAMILIES = new ConcurrentHashMap<>();
    /** Pair of pools (used, caller) → {api, call site}. */
    private static final ConcurrentHashMap<Long, String[]> NESTED = new ConcurrentHashMap<>();

    /** The pool whose worker the current thread is, cached per thread; NONE for other threads. */
    private static final ThreadLocal<PoolState> CURRENT = new ThreadLocal<>();
    /** Set while ThreadPoolExecutor.addWorker runs, so Thread.start knows whose worker it starts. */
    private static final ThreadLocal<ExecutorState> GROWING = new ThreadLocal<>();
    /**
     * The pools that ended last, still found by their hooks after they left the map: shutdown() returns
     * after a terminated() it caused, or that its last worker ran on another thread.
     */
    private static final PoolState[] RECENTLY_ENDED = new PoolState[64];
    private static final AtomicLong ENDED_COUNT = new AtomicLong();

    /** Newest first: the pool a hook asks for after its end has usually just ended. */
    private static PoolState recentlyEnded(Object pool) {
        long newest = ENDED_COUNT.get() - 1;
        for (int i = 0; i < RECENTLY_ENDED.length; i++) {
            PoolState s = RECENTLY_ENDED[(int) ((newest - i) & (RECENTLY_ENDED.length - 1))];
            if (s != null && s.pool() == pool) {
                return s;
            }
        }
        return null;
    }
    private static final PoolState NONE = new FamilyState(0, "", "", "", Sites.Site.UNKNOWN, 0);

    static final AtomicLong VIRTUAL_STARTED = new AtomicLong();
    static final AtomicLong VIRTUAL_ENDED = new AtomicLong();
    static volatile boolean virtualTracked;
    /**
     * One bit per thread id below 1M: set for every thread the agent attributed to a pool or family.
     * A submission into the common pool asks whether its thread is some pool's worker; for the
     * threads that are not, this answers with one array read instead of a ThreadLocal lookup
     * (~30 ns on a ~55 ns submission). Ids are never reused, so a dead thread's bit does no harm.
     */
    private static final int WORKER_BITS_IDS = 1 << 20;
    private static final long[] WORKER_BITS = new long[WORKER_BITS_IDS >>> 6];

    @SuppressWarnings("deprecation")
    private static void markWorker(Thread t) {
        long id = t.getId();
        if (id >= 0 && id < WORKER_BITS_IDS) {
            synchronized (WORKER_BITS) {
                WORKER_BITS[(int) (id >>> 6)] |= 1L << id;
            }
        }
    }

    /** False only for a thread that is certainly no pool's worker. */
    @SuppressWarnings("deprecation")
    static boolean mayBeWorker(Thread t) {
        long id = t.getId();
        return id < 0 || id >= WORKER_BITS_IDS || (WORKER_BITS[(int) (id >>> 6)] & (1L << id)) != 0;
    }

    /** The same per thread id for the agent's own threads: asked on every pool creation and thread start. */
    private static final long[] EXCLUDED_BITS = new long[WORKER_BITS_IDS >>> 6];

    /** Threads the agent starts, and those they start, are never measured. */
    @SuppressWarnings("deprecation")
    static void exclude(Thread t) {
        long id = t.getId();
        if (id >= 0 && id < WORKER_BITS_IDS) {
            synchronized (EXCLUDED_BITS) {
                EXCLUDED_BITS[(int) (id >>> 6)] |= 1L << id;
            }
        } else {
            EXCLUDED.put(t, Boolean.TRUE);
        }
    }

    @SuppressWarnings("deprecation")
    static boolean excluded(Thread t) {
        long id = t.getId();
        return id >= 0 && id < WORKER_BITS_IDS ? (EXCLUDED_BITS[(int) (id >>> 6)] & (1L << id)) != 0 : EXCLUDED.get(t) != null;
    }

    static boolean onAgentThread() {
        return excluded(Thread.currentThread());
    }

    /**
     * Every pool and family the sampler and a replay look at: live pools, families, and the ended
     * pools kept for a replay. A snapshot; no map by id is kept, which would cost two more map
     * operations on every pool's creation and end.
     */
    static Collection<PoolState> states() {
        java.util.List<PoolState> all = new java.util.ArrayList<>(POOLS.movedSize() + FAMILIES.size() + GONE_SIZE.get() + 64);
        POOLS.addTo(all);
        all.addAll(FAMILIES.values());
        for (PoolState s : GONE) {
            if (!s.forgotten) {
                all.add(s);
            }
        }
        return all;
    }

    /**
     * Pools that ended (terminated or collected) before any recording described them: kept for the
     * replay of a recording that may still start, oldest forgotten first, so memory stays bounded
     * whether or not a recording runs.
     */
    static final int MAX_GONE_UNDESCRIBED = 1024;
    private static final java.util.concurrent.ConcurrentLinkedQueue<PoolState> GONE = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final java.util.concurrent.atomic.AtomicInteger GONE_SIZE = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A pool ended: forgotten now if a recording has its whole story or no recording of the agent's
     * is about to start, else kept (bounded) for that recording's replay.
     */
    static void ended(PoolState s) {
        synchronized (s) {
            if (s.ended) {
                return;
            }
            s.ended = true;
        }
        if (!s.described && Control.recordingPending()) {
            // ended before the recording started (a short run): its last state, for the replay
            PoolCounts last = new PoolCounts();
            if (s.sample(last)) {
                s.lastSample = last;
            }
        }
        unmap(s);
        RECENTLY_ENDED[(int) (ENDED_COUNT.getAndIncrement() & (RECENTLY_ENDED.length - 1))] = s;
        if (s.described && s.terminatedReported || !s.described && !Control.recordingPending()) {
            forget(s);
            return;
        }
        GONE.add(s);
        if (GONE_SIZE.incrementAndGet() > MAX_GONE_UNDESCRIBED) {
            PoolState oldest = GONE.poll();
            if (oldest != null) {
                GONE_SIZE.decrementAndGet();
                forget(oldest);
            }
        }
    }

    /** No longer sampled or replayed. */
    private static void forget(PoolState s) {
        s.forgotten = true;
    }

    /**
     * Its weak entry goes too: a map value would otherwise outlive the pool by one collection, and
     * under pool churn that promotes every state to the old generation. Hooks ignore a terminated pool
     * they do not know.
     */
    private static void unmap(PoolState s) {
        POOLS.remove(s);
    }

    private static final Collected COLLECTED = new Collected();

    /** The state of a pool that was collected without being seen to terminate. */
    private static final class Collected implements java.util.function.Consumer<PoolState> {
        @Override
        public void accept(PoolState s) {
            if (!s.forgotten) {
                ended(s);
            }
        }
    }

    /** About how many: the newest pools (at most 1,024) are not counted. */
    static int knownPools() {
        return POOLS.movedSize() + FAMILIES.size() + GONE_SIZE.get();
    }

    /** A family's state was dropped: a thread of its pattern that starts later begins a new one. */
    static void familyDropped(FamilyState f) {
        FAMILIES.remove(f.key, f);
    }

    static void drop(PoolState s) {
        forget(s);
        POOLS.remove(s);
        if (GONE.remove(s)) {
            GONE_SIZE.decrementAndGet();
        }
        s.dropped();
        POOLS.expunge();
        THREADS.expunge();
    }

    // ---- pools -------------------------------------------------------------------------------

    static ExecutorState executor(ThreadPoolExecutor pool) {
        PoolState s = POOLS.get(pool);
        if (s instanceof ExecutorState) {
            return (ExecutorState) s;
        }
        // a pool that ended was forgotten on purpose (but shutdown() returns after its own terminated());
        // else first seen after its constructor ran: created before the agent was installed
        // isShutdown, not isTerminated: terminated() runs (and the pool is forgotten) before TERMINATED is set
        if (pool.isShutdown()) {
            PoolState ended = recentlyEnded(pool);
            return ended instanceof ExecutorState ? (ExecutorState) ended : null;
        }
        return executorCreated(pool, true);
    }

    static ExecutorState executorCreated(ThreadPoolExecutor pool, boolean discoveredLate) {
        if (onAgentThread()) {
            return null;
        }
        if (discoveredLate) {
            PoolState known = POOLS.get(pool);
            if (known instanceof ExecutorState) {
                return (ExecutorState) known;
            }
        }
        // else the constructor's hook, once per pool: nobody else knows the pool yet
        Sites.Site site = discoveredLate ? Sites.Site.UNKNOWN : Sites.creation(pool.getClass());
        ExecutorState s = new ExecutorState(IDS.incrementAndGet(), pool, site, creatorId());
        if (!discoveredLate) {
            s.noWorkerYet = true;
            s.creationFrames = Sites.framesForReplay();
        }
        if (discoveredLate) {
            PoolState winner = POOLS.addFound(pool, s);
            if (winner != s) {
                return winner instanceof ExecutorState ? (ExecutorState) winner : null;
            }
        } else {
            POOLS.addNew(pool, s, COLLECTED);
        }
        Emit.poolCreated(s, discoveredLate);
        return s;
    }

    static ForkJoinState forkJoin(ForkJoinPool pool) {
        PoolState s = POOLS.get(pool);
        if (s instanceof ForkJoinState) {
            return (ForkJoinState) s;
        }
        if (pool.isShutdown()) {
            PoolState ended = recentlyEnded(pool);
            return ended instanceof ForkJoinState ? (ForkJoinState) ended : null;
        }
        return forkJoinCreated(pool, true);
    }

    static ForkJoinState forkJoinCreated(ForkJoinPool pool, boolean discoveredLate) {
        if (onAgentThread() && pool != ForkJoinPool.commonPool()) {
            return null;
        }
        // ForkJoinPool's constructors delegate to one another: the first hook to finish registers it
        PoolState known = discoveredLate ? POOLS.get(pool) : POOLS.getHere(pool);
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
        ForkJoinState s = new ForkJoinState(IDS.incrementAndGet(), pool, common, site, common ? 0 : creatorId());
        if (!common && !discoveredLate) {
            s.noWorkerYet = true;
            s.creationFrames = Sites.framesForReplay();
        }
        if (common || discoveredLate) {
            PoolState winner = POOLS.addFound(pool, s);
            if (winner != s) {
                return winner instanceof ForkJoinState ? (ForkJoinState) winner : null;
            }
        } else {
            POOLS.addNew(pool, s, COLLECTED);
        }
        Emit.poolCreated(s, common || discoveredLate);
        return s;
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** The state of a pool the agent knows, or null. */
    static PoolState known(Object pool) {
        return POOLS.get(pool);
    }

    /** As {@link #known}, for a pool this thread is creating right now (its constructors delegate). */
    static PoolState knownHere(Object pool) {
        return POOLS.getHere(pool);
    }

    /** A pool its kind's own hook saw created on this thread. */
    static void register(Object pool, PoolState s) {
        POOLS.addNew(pool, s, COLLECTED);
        Emit.poolCreated(s, false);
    }

    static long creatorId() {
        PoolState c = poolOfCurrentThread();
        return c == null ? 0 : c.id;
    }

    /** The pool or family a thread works for, or null; a pool no longer tracked counts as none. */
    static PoolState ownerOf(Thread t) {
        PoolState s = t instanceof ForkJoinWorkerThread ? POOLS.get(((ForkJoinWorkerThread) t).getPool()) : THREADS.get(t);
        return s != null && !s.forgotten ? s : null;
    }

    /** The pool or family the current thread works for, or null. */
    static PoolState poolOfCurrentThread() {
        PoolState s = CURRENT.get();
        if (s == null) {
            Thread t = Thread.currentThread();
            if (t instanceof ForkJoinWorkerThread) {
                s = forkJoin(((ForkJoinWorkerThread) t).getPool());
            } else {
                s = THREADS.get(t);
            }
            CURRENT.set(s == null ? NONE : s);
        }
        return s == NONE ? null : s;
    }

    /** Called on a worker's own thread before each task. */
    static ExecutorState workerOf(ThreadPoolExecutor pool) {
        PoolState s = CURRENT.get();
        if (s instanceof ExecutorState && ((ExecutorState) s).pool() == pool) {
            return (ExecutorState) s;
        }
        ExecutorState e = executor(pool);
        Thread t = Thread.currentThread();
        e.addWorker(t, false);
        THREADS.put(t, e);
        markWorker(t);
        CURRENT.set(e);
        return e;
    }

    /** A recording started: it has not seen the pools created before, so describe them again. */
    static void replayAll() {
        // every pool still known, also one collected already: a short program's pools can live and
        // die before the recording starts (the sampler forgets collected pools at its first sample)
        // one snapshot for both loops: the sampler may forget a described gone pool in between
        java.util.Map<Long, PoolState> known = new java.util.HashMap<>();
        for (PoolState s : states()) {
            known.put(s.id, s);
        }
        for (PoolState s : known.values()) {
            Emit.poolCreated(s, true);
            Sampler.commitLast(s);
            String phase = s.lastPhase;
            if (phase != null) {
                Emit.shutdown(s, phase, false);
            }
        }
        NESTED.forEach((pair, use) -> {
            PoolState used = known.get(pair >>> 32);
            PoolState caller = known.get(pair & 0xffffffffL);
            if (used != null && caller != null) {
                Emit.nestedUse(used, caller, use[0], use[1], true);
            }
        });
    }

    // ---- threads -----------------------------------------------------------------------------

    static void addingWorker(ThreadPoolExecutor pool) {
        GROWING.set(executor(pool));
    }

    static void addedWorker() {
        GROWING.remove();
    }

    static void threadStarted(Thread t) {
        Thread parent = Thread.currentThread();
        if (excluded(parent) || excluded(t) || t.getName().startsWith("JFR ")) {
            exclude(t);
            return;
        }
        PoolState creator = poolOfCurrentThread();
        long creatorId = creator == null ? 0 : creator.id;
        PoolState pool;
        if (t instanceof ForkJoinWorkerThread) {
            pool = forkJoin(((ForkJoinWorkerThread) t).getPool());
        } else {
            pool = GROWING.get();
            if (pool == null) {
                pool = EventLoops.starting();
            }
        }
        long familyId = 0;
        if (pool == null) {
            pool = family(t, creatorId);
            familyId = pool.id;
        }
        pool.addWorker(t, true);
        THREADS.put(t, pool);
        markWorker(t);
        Emit.threadStarted(t, familyId == 0 ? pool.id : 0, familyId, creatorId);
    }

    private static FamilyState family(Thread t, long creatorId) {
        String pattern = Sites.namePattern(t.getName());
        String threadClass = t.getClass().getName();
        PoolState creator = poolOfCurrentThread();
        if (creator instanceof FamilyState && ((FamilyState) creator).namePattern.equals(pattern)
            && ((FamilyState) creator).threadClass.equals(threadClass)) {
            // a pool that starts its own threads (Jetty's QueuedThreadPool) stays one family
            return (FamilyState) creator;
        }
        String key = pattern + '|' + threadClass + '|' + creatorId;
        FamilyState f = FAMILIES.get(key);
        if (f != null) {
            return f;
        }
        if (FAMILIES.size() >= MAX_FAMILIES) {
            key = "*|other|0";
            pattern = "* (more families than threadguard tracks)";
            f = FAMILIES.get(key);
            if (f != null) {
                return f;
            }
        }
        FamilyState created = new FamilyState(IDS.incrementAndGet(), key, pattern, threadClass, Sites.current(null), creatorId);
        created.creationFrames = Sites.framesForReplay();
        f = FAMILIES.putIfAbsent(key, created);
        if (f != null) {
            return f;
        }
        Emit.poolCreated(created, false);
        return created;
    }

    static void threadStartFailed(Thread t, Throwable error) {
        if (!(error instanceof OutOfMemoryError) && !(error instanceof InternalError)) {
            return;
        }
        PoolState creator = poolOfCurrentThread();
        ExecutorState growing = GROWING.get();
        long poolId = growing != null ? growing.id
            : t instanceof ForkJoinWorkerThread ? forkJoin(((ForkJoinWorkerThread) t).getPool()).id : 0;
        Emit.threadStartFailed(t.getName(), poolId, creator == null ? 0 : creator.id, String.valueOf(error.getMessage()));
    }

    static void workerExited(ThreadPoolExecutor pool, boolean abrupt) {
        // the last worker exits after terminated(): its pool is known from the thread's cache
        PoolState cached = CURRENT.get();
        ExecutorState s = cached instanceof ExecutorState && ((ExecutorState) cached).pool() == pool
            ? (ExecutorState) cached : executor(pool);
        CURRENT.remove();
        if (s == null) {
            return;
        }
        s.removeWorker(Thread.currentThread());
        Emit.workerExited(s, abrupt, pool.getPoolSize());
    }

    // ---- configuration, shutdown, rejection --------------------------------------------------

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

    static void forkJoinConfigured(ForkJoinPool pool) {
        ForkJoinState s = forkJoin(pool);
        if (s == null) {
            return;
        }
        int p = pool.getParallelism();
        Emit.configChanged(s, "parallelism", s.parallelism, p);
        s.parallelism = p;
    }

    /**
     * live: called in the thread that shut the pool down (its hook), not by the sampler. A pool that
     * ends inside its shutdown() call (no worker was running) gets one PoolShutdown, "terminated",
     * not two.
     */
    static void shutdown(PoolState s, String phase, boolean live) {
        if (s == null) {
            return;
        }
        if (Schema.PHASE_TERMINATED.equals(phase)) {
            if (s.terminatedReported) {
                s.lastPhase = phase;
                return;
            }
            // not yet shutdown()'s exit hook, not a worker: terminated() runs inside shutdown()
            if (live && s.lastPhase == null && (!mayBeWorker(Thread.currentThread()) || poolOfCurrentThread() != s)) {
                s.lastPhase = phase;
                s.terminationDeferred = true;
                return;
            }
            s.lastPhase = phase;
            s.terminatedReported = Emit.shutdown(s, phase, live);
            if (live) {
                ended(s);
            }
            return;
        }
        // a kind whose termination is not hooked (ForkJoinPool) and had no workers is done at shutdown()
        boolean endedInside = s.terminationDeferred || !s.terminationHooked() && s.terminated();
        if (!endedInside) {
            // terminated() can run (on a worker) before shutdown()'s own hook: never step back from it
            if (!Schema.PHASE_TERMINATED.equals(s.lastPhase)) {
                s.lastPhase = phase;
            }
            Emit.shutdown(s, phase, live);
            return;
        }
        s.terminationDeferred = false;
        s.lastPhase = Schema.PHASE_TERMINATED;
        if (!s.terminatedReported) {
            s.terminatedReported = Emit.shutdown(s, Schema.PHASE_TERMINATED, live);
        }
        ended(s);
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

    // ---- submissions from one pool's workers into another pool --------------------------------

    /**
     * A task submitted into {@code target} (a ForkJoinPool or ThreadPoolExecutor): recorded once per
     * pair of pools when the submitting thread is another pool's or family's worker. Every other
     * submission returns after a bit read (a thread that is certainly no worker), a class check
     * (a ForkJoin worker into its own pool) or the per-pool cache of the last target seen.
     * True when it wrote a NestedPoolUse for the hook to commit.
     */
    static boolean submitted(ThreadPoolExecutor target, String api) {
        PoolState caller = nestingCaller(target);
        return caller != null && nested(executor(target), caller, target, api);
    }

    static boolean submitted(ForkJoinPool target, String api) {
        PoolState caller = nestingCaller(target);
        return caller != null && nested(forkJoin(target), caller, target, api);
    }

    /** The pool or family whose worker submits into {@code target}, if that may be a nesting not yet recorded. */
    private static PoolState nestingCaller(Object target) {
        Thread t = Thread.currentThread();
        // a ForkJoin worker is known by its class; any other thread by its bit
        if (t instanceof ForkJoinWorkerThread ? ((ForkJoinWorkerThread) t).getPool() == target : !mayBeWorker(t)) {
            return null;
        }
        PoolState caller = poolOfCurrentThread();
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
}
