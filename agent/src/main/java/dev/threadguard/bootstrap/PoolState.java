package dev.threadguard.bootstrap;

import dev.threadguard.events.kinds.PoolKind;
import dev.threadguard.events.live.PoolView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the agent knows about one pool or thread family. The cross-cutting readings (size, completed,
 * terminated) go through its {@link PoolKind}; subclasses read what only their kind has.
 */
abstract class PoolState {
    final long id;
    final PoolKind kind;
    final String poolClass;
    final String creationSite;
    /** Short creation site, the first part of the pool's name. */
    private final String siteShort;
    /** Built on first use: formatting it cost as much as a pool's creation, and most pools are never named. */
    private String poolName;
    final long creatorPoolId;
    final int availableProcessors;
    final String processorRelation;

    private final List<WorkerRef> workers = new ArrayList<>();
    /** Dead workers are pruned when the list reaches this size, so thread churn between two samples (or without any) stays bounded. */
    private int pruneAt = 64;
    long lastSampleNanos;
    /** CPU of this pool's workers as {@link Live} has read it, ns. */
    long liveCpuTotal;
    /** Run-queue wait of this pool's workers over every OS snapshot since the first, ns; written under the Sampler's lock. */
    volatile long osRunQueueWaitTotal;
    boolean terminatedReported;
    /** The last pool this pool's workers were seen submitting into, already recorded (racy cache of NESTED). */
    Object nestedInto;
    /** A recording has been told about this pool (PoolCreated written). */
    volatile boolean described;
    /** Read when the pool ended before the recording started, written with its replay; else null. */
    volatile PoolCounts lastSample;
    /** Terminated or collected, and handed to Registry.ended once. */
    volatile boolean ended;
    /** The creation stack as text when the pool will be replayed (see {@link Sites#framesForReplay}); else null. */
    String creationFrames;
    /** Where {@link PoolTable} keeps it: its slot, and its entry once it moved to the map. */
    int slot;
    volatile Object entry;
    /** No longer sampled or replayed (a hook may still find it among the pools that ended last). */
    volatile boolean forgotten;
    /** terminated() ran inside shutdown(): the shutdown hook, right after it, writes one event for both. */
    boolean terminationDeferred;
    /** The last shutdown phase seen, written or not: a recording that starts later is told it too. */
    volatile String lastPhase;

    /*
     * Flags written on every pool's creation and end are stored with release semantics: a volatile
     * store's fence costs as much as a map lookup, several of them a pool. Readers read them as
     * volatile, which release/acquire pairs with; none of them is read in a store-then-load handshake.
     */
    private static final java.lang.invoke.VarHandle DESCRIBED;
    private static final java.lang.invoke.VarHandle ENDED;
    private static final java.lang.invoke.VarHandle FORGOTTEN;
    private static final java.lang.invoke.VarHandle LAST_PHASE;
    private static final java.lang.invoke.VarHandle NO_WORKER_YET;

    static {
        try {
            java.lang.invoke.MethodHandles.Lookup l = java.lang.invoke.MethodHandles.lookup();
            DESCRIBED = l.findVarHandle(PoolState.class, "described", boolean.class);
            ENDED = l.findVarHandle(PoolState.class, "ended", boolean.class);
            FORGOTTEN = l.findVarHandle(PoolState.class, "forgotten", boolean.class);
            LAST_PHASE = l.findVarHandle(PoolState.class, "lastPhase", String.class);
            NO_WORKER_YET = l.findVarHandle(PoolState.class, "noWorkerYet", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final void markDescribed() {
        DESCRIBED.setRelease(this, true);
    }

    /** True for the one caller that ends it. */
    final boolean markEnded() {
        return ENDED.compareAndSet(this, false, true);
    }

    final void markForgotten() {
        FORGOTTEN.setRelease(this, true);
    }

    final void setLastPhase(String phase) {
        LAST_PHASE.setRelease(this, phase);
    }

    /** Seen from its constructor's hook: it has had no worker (see {@link #noWorkerYet}). */
    void markFresh() {
        NO_WORKER_YET.setRelease(this, true);
    }

    PoolState(long id, PoolKind kind, String poolClass, Sites.Site site, long creatorPoolId, int size) {
        this.id = id;
        this.kind = kind;
        this.poolClass = poolClass;
        this.creationSite = site.text;
        this.siteShort = site.shortText;
        this.creatorPoolId = creatorPoolId;
        this.availableProcessors = Sites.availableProcessors();
        this.processorRelation = Sites.processorRelation(size, availableProcessors);
    }

    /** Readable name: the short creation site and {@link #label()}, e.g. "BatchEnv.<init>:44 fixed(32)". */
    final String poolName() {
        String n = poolName;
        if (n == null) {
            n = siteShort.isEmpty() ? label() : siteShort + " " + label();
            poolName = n;
        }
        return n;
    }

    /** What the pool is, from its configuration at creation: "fixed(32)", "forkjoin(8)", "threads worker-*". */
    abstract String label();

    /** The pool object, or null once it was collected (families have none). */
    abstract Object pool();

    /** Writes the creation facts of this pool into the event. */
    abstract void describe(dev.threadguard.events.PoolCreated e);

    /** Reads the pool now and fills the sample; false if the pool is gone and should be dropped. */
    abstract boolean sample(PoolCounts e);

    /** Largest number of workers this pool can have; 0 for families, which have no configured size. */
    abstract int configuredSize();

    /**
     * The pool as a metrics reader sees it now, without touching what the sampler counts; null when it
     * is over. The CPU and run-queue wait totals are the reader's own.
     */
    abstract PoolView live(long cpuNanos, long waitNanos);

    /** Shut down with every worker gone (a family never is: it ends when its threads do). */
    final boolean terminated() {
        Object p = pool();
        return p != null && kind.terminated(p);
    }

    /**
     * Seen from its constructor's hook and no worker attributed since: it never had one, so its size
     * and completed count are 0 without asking the pool (a ThreadPoolExecutor takes its lock for
     * each, a third of a pool's cost when a pool per request is shut down unused).
     */
    volatile boolean noWorkerYet;

    /** Live workers as the pool counts them, else as the agent does; 0 once the pool was collected. */
    final int poolSize() {
        if (noWorkerYet) {
            return 0;
        }
        Object p = pool();
        int n = p == null ? 0 : kind.poolSize(p);
        return n >= 0 ? n : liveWorkers().size();
    }

    /** Tasks completed as the pool counts them; 0 where it does not (or was collected). */
    final long completed() {
        if (noWorkerYet) {
            return 0;
        }
        Object p = pool();
        return p == null ? 0 : kind.completed(p);
    }

    /** True where the pool's own end is hooked (ThreadPoolExecutor.terminated()); else it is noticed at shutdown or a sample. */
    boolean terminationHooked() {
        return false;
    }

    /** True when the sampler may forget it although it was read: a family whose threads are all gone for a while. */
    boolean expired() {
        return false;
    }

    /** It is no longer sampled: what a kind keeps about it elsewhere goes too. */
    void dropped() {
    }

    /** After each sample: what a kind writes between samples (a burst of rejections) is flushed. */
    void afterSample() {
    }

    private int mostThreads;

    /**
     * The sample of a kind that counts no tasks (a family, an event loop group): its live threads, the
     * RUNNABLE ones as busy (an upper bound: the OS fields say which wanted a CPU). Returns the live count.
     */
    final int sampleThreadStates(PoolCounts e, int configuredSize) {
        List<WorkerRef> live = liveWorkers();
        int runnable = runnable(live);
        mostThreads = Math.max(mostThreads, live.size());
        e.configuredSize = configuredSize;
        e.poolSize = live.size();
        e.busy = runnable;
        e.idle = live.size() - runnable;
        e.peakBusy = runnable;
        e.queued = 0;
        e.completedTasks = 0;
        e.largestPoolSize = mostThreads;
        return live.size();
    }

    /** Live workers in state RUNNABLE: an upper bound of the busy ones (a selector or socket read is RUNNABLE). */
    static int runnable(List<WorkerRef> live) {
        int n = 0;
        for (WorkerRef w : live) {
            Thread t = w.get();
            if (t != null && t.getState() == Thread.State.RUNNABLE) {
                n++;
            }
        }
        return n;
    }

    PoolView view(int size, int core, int max, int active, long queued, long completed, long cpuNanos, long waitNanos) {
        return new PoolView(id, poolName(), kind.id(), processorRelation, creationSite, size, core, max, active, queued,
            completed, cpuNanos, waitNanos);
    }

    /**
     * fresh: seen at its start, so all its CPU time is the pool's, and it cannot be listed yet
     * (no scan: a family under thread churn gets thousands of starts between two samples).
     * Returns the thread's new entry, or null when it was listed already.
     */
    WorkerRef addWorker(Thread t, boolean fresh) {
        noWorkerYet = false;
        synchronized (workers) {
            if (!fresh) {
                for (WorkerRef w : workers) {
                    if (w.get() == t) {
                        return null;
                    }
                }
            }
            if (workers.size() >= pruneAt) {
                prune();
                pruneAt = Math.max(64, 2 * workers.size());
            }
            WorkerRef ref = new WorkerRef(t, fresh, this);
            workers.add(ref);
            return ref;
        }
    }

    /** Drops dead workers, freeing their {@link Owners} slots. Holds the list's lock. */
    private void prune() {
        int kept = 0;
        int n = workers.size();
        for (int i = 0; i < n; i++) {
            WorkerRef w = workers.get(i);
            Thread o = w.get();
            if (o == null || o.getState() == Thread.State.TERMINATED) {
                Owners.released(w);
            } else {
                workers.set(kept++, w);
            }
        }
        for (int i = n - 1; i >= kept; i--) {
            workers.remove(i);
        }
    }

    void removeWorker(Thread t) {
        synchronized (workers) {
            for (Iterator<WorkerRef> it = workers.iterator(); it.hasNext();) {
                WorkerRef w = it.next();
                Thread o = w.get();
                if (o == t || o == null) {
                    it.remove();
                    Owners.released(w);
                }
            }
        }
    }

    /**
     * It ended or is no longer tracked: its workers' {@link Owners} slots go, so that no slot keeps
     * this state alive; the list stays for a replay's last sample.
     */
    void releaseWorkers() {
        if (noWorkerYet) {
            return;
        }
        synchronized (workers) {
            for (WorkerRef w : workers) {
                Owners.released(w);
            }
        }
    }

    /**
     * Live workers, dropping the dead ones; a thread between its start()'s entry (where it is added)
     * and its start is kept, not counted.
     */
    List<WorkerRef> liveWorkers() {
        List<WorkerRef> live = new ArrayList<>();
        synchronized (workers) {
            for (Iterator<WorkerRef> it = workers.iterator(); it.hasNext();) {
                WorkerRef w = it.next();
                Thread t = w.get();
                if (t != null && t.isAlive()) {
                    live.add(w);
                } else if (t == null || t.getState() != Thread.State.NEW) {
                    it.remove();
                    Owners.released(w);
                }
            }
        }
        return live;
    }
}
