package dev.threadguard.bootstrap;

import dev.threadguard.events.Schema;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every live pool, family and attributed thread: who is whose worker, and what happened to them
 * ({@link Emit} writes it). Pools and threads are held weakly; state of a pool
 * that was collected, or a family without threads, is dropped by the sampler. Each kind finds its
 * pools, and tells whose thread starts, in its own class ({@link ExecutorPools}, {@link ForkJoinPools},
 * {@link EventLoops}, {@link Families}); submissions between pools are {@link Nesting}'s.
 */
final class Registry {
    private Registry() {}

    private static final AtomicLong IDS = new AtomicLong();
    static final PoolTable POOLS = new PoolTable(new Collected());

    /**
     * The pool whose hook is starting a thread on this thread (ThreadPoolExecutor.addWorker, an event
     * loop's doStartThread): the thread it starts is that pool's worker. One slot for every kind, so a
     * thread start asks one ThreadLocal whatever kinds exist.
     */
    private static final ThreadLocal<PoolState> STARTING = new ThreadLocal<>();

    /** The pool whose worker the current thread is, cached per thread; NONE for other threads. */
    private static final ThreadLocal<PoolState> CURRENT = new ThreadLocal<>();
    /**
     * The pools that ended last, still found by their hooks after they left the map: shutdown() returns
     * after a terminated() it caused, or that its last worker ran on another thread.
     */
    private static final PoolState[] RECENTLY_ENDED = new PoolState[64];
    private static final AtomicLong ENDED_COUNT = new AtomicLong();

    /** Newest first: the pool a hook asks for after its end has usually just ended. */
    static PoolState recentlyEnded(Object pool) {
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

    static boolean onAgentThread() {
        return ThreadBits.excluded(Thread.currentThread());
    }

    /**
     * Every pool and family the sampler and a replay look at: live pools, families, and the ended
     * pools kept for a replay. A snapshot; no map by id is kept, which would cost two more map
     * operations on every pool's creation and end.
     */
    static Collection<PoolState> states() {
        java.util.List<PoolState> all = new java.util.ArrayList<>(POOLS.movedSize() + Families.size() + GONE_SIZE.get() + 64);
        POOLS.addTo(all);
        all.addAll(Families.all());
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
        if (!s.markEnded()) {
            return;
        }
        if (!s.described && Control.recordingPending()) {
            // ended before the recording started (a short run): its last state, for the replay
            PoolCounts last = new PoolCounts();
            if (s.sample(last)) {
                s.lastSample = last;
            }
        }
        unmap(s);
        s.releaseWorkers();
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
        s.markForgotten();
    }

    /**
     * Its weak entry goes too: a map value would otherwise outlive the pool by one collection, and
     * under pool churn that promotes every state to the old generation. Hooks ignore a terminated pool
     * they do not know.
     */
    private static void unmap(PoolState s) {
        POOLS.remove(s);
    }

    static final Collected COLLECTED = new Collected();

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
        return POOLS.movedSize() + Families.size() + GONE_SIZE.get();
    }

    static void drop(PoolState s) {
        forget(s);
        POOLS.remove(s);
        if (GONE.remove(s)) {
            GONE_SIZE.decrementAndGet();
        }
        s.dropped();
        s.releaseWorkers();
        POOLS.expunge();
        Owners.expunge();
    }

    // ---- pools -------------------------------------------------------------------------------

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

    /** The current thread is about to start a worker of {@code s} (null: of no pool the agent knows). */
    static void startingWorkerOf(PoolState s) {
        STARTING.set(s);
    }

    static void workerStartDone() {
        STARTING.remove();
    }

    /** The pool whose hook is starting a thread on this thread, or null. */
    static PoolState starting() {
        return STARTING.get();
    }

    static long creatorId() {
        Thread t = Thread.currentThread();
        if (!ThreadBits.mayBeWorker(t) && !ForkJoinPools.isWorker(t)) {
            return 0; // a bit read, not the thread's cache (a ThreadLocal): most pools are made by no worker
        }
        PoolState c = poolOfCurrentThread();
        return c == null ? 0 : c.id;
    }

    /** The pool or family a thread works for, or null; a pool no longer tracked counts as none. */
    static PoolState ownerOf(Thread t) {
        PoolState s = ForkJoinPools.isWorker(t) ? ForkJoinPools.known(t) : Owners.get(t);
        return s != null && !s.forgotten ? s : null;
    }

    /** The pool or family this thread was last seen working for (a cache), or null. */
    static PoolState cachedOwner() {
        return CURRENT.get();
    }

    static void forgetCachedOwner() {
        CURRENT.remove();
    }

    /** The current thread {@code t} is a worker of {@code s} (found at its first task). */
    static void attribute(Thread t, PoolState s) {
        Owners.put(t, s);
        ThreadBits.markWorker(t);
        CURRENT.set(s);
    }

    /** The pool or family the current thread works for, or null. */
    static PoolState poolOfCurrentThread() {
        PoolState s = CURRENT.get();
        if (s == null) {
            Thread t = Thread.currentThread();
            s = ForkJoinPools.isWorker(t) ? ForkJoinPools.ofWorker(t) : Owners.get(t);
            CURRENT.set(s == null ? NONE : s);
        }
        return s == NONE ? null : s;
    }

    /** A recording started: it has not seen the pools created before, so describe them again. */
    static void replayAll() {
        // every pool still known, also one collected already: a short program's pools can live and
        // die before the recording starts (the sampler forgets collected pools at its first sample)
        // one snapshot for both loops: the sampler may forget a described gone pool in between
        try {
            CodeSources.replay();
        } catch (Throwable t) {
            // the pools are replayed without where their code came from
        }
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
        Nesting.replay(known);
    }

    // ---- threads -----------------------------------------------------------------------------

    /**
     * At Thread.start()'s entry (the thread cannot run yet): its pool or family, the pool that starts
     * it. Its ThreadStarted is written at the exit, once it runs.
     */
    static void threadStarted(Thread t) {
        if (t.getState() != Thread.State.NEW) {
            // started already: start() throws
            return;
        }
        Thread parent = Thread.currentThread();
        if (ThreadBits.excluded(parent) || ThreadBits.excluded(t) || t.getName().startsWith("JFR ")) {
            ThreadBits.exclude(t);
            return;
        }
        PoolState creator = poolOfCurrentThread();
        long creatorId = creator == null ? 0 : creator.id;
        // a ForkJoin worker names its pool itself; other kinds' hooks say whose thread starts
        PoolState pool = ForkJoinPools.isWorker(t) ? ForkJoinPools.ofWorker(t) : STARTING.get();
        long familyId = 0;
        if (pool == null) {
            pool = Families.of(t, creator);
            familyId = pool.id;
        }
        WorkerRef ref = pool.addWorker(t, true);
        if (ref != null) {
            Owners.started(t, ref);
        }
        ThreadBits.markWorker(t);
        Emit.threadStarted(t, familyId == 0 ? pool.id : 0, familyId, creatorId);
    }

    static void threadStartFailed(Thread t, Throwable error) {
        Emit.dropThreadStarted();
        if (t.getState() == Thread.State.NEW) {
            // attributed at start()'s entry but never ran: it is no one's worker (and may be started again)
            PoolState s = Owners.remove(t);
            if (s != null) {
                s.removeWorker(t);
            }
        }
        if (!(error instanceof OutOfMemoryError) && !(error instanceof InternalError)) {
            return;
        }
        PoolState creator = poolOfCurrentThread();
        PoolState pool = ForkJoinPools.isWorker(t) ? ForkJoinPools.ofWorker(t) : STARTING.get();
        long poolId = pool == null ? 0 : pool.id;
        Emit.threadStartFailed(t.getName(), poolId, creator == null ? 0 : creator.id, String.valueOf(error.getMessage()));
    }

    // ---- configuration, shutdown, rejection --------------------------------------------------

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
            if (live && s.lastPhase == null && (!ThreadBits.mayBeWorker(Thread.currentThread()) || poolOfCurrentThread() != s)) {
                s.setLastPhase(phase);
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
        s.setLastPhase(Schema.PHASE_TERMINATED);
        if (!s.terminatedReported) {
            // never had a worker, and no pool was made since: its end goes into a range, not an event of its own
            s.terminatedReported = live && s.described && s.noWorkerYet && UnusedEnds.add(s.id, IDS.get())
                || Emit.shutdown(s, Schema.PHASE_TERMINATED, live);
        }
        ended(s);
    }
}
