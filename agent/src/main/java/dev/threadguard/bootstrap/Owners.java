package dev.threadguard.bootstrap;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which pool or family each attributed thread works for. A thread started under the agent is found
 * by its id in a fixed table of the {@link WorkerRef}s its pool's worker list holds anyway: one
 * array write per start, no map entry and no second weak reference (a weak map's put was more than
 * half of Thread.start()'s hook under churn). Ids are never reused, so a slot names its thread
 * exactly; a slot whose thread still lives when a newer id lands on it sends the newer thread to a
 * weak map instead, as do workers found at their first task. A slot is emptied when its
 * {@link WorkerRef} leaves its pool's list or the pool ends, so it keeps no pool's state alive.
 */
final class Owners {
    private Owners() {}

    static final int SLOTS = 1 << 14;
    private static final AtomicReferenceArray<WorkerRef> BY_ID = new AtomicReferenceArray<>(SLOTS);
    private static final WeakIdentityMap<Thread, PoolState> OTHERS = new WeakIdentityMap<>();
    /** False until a thread went to the weak map: a lookup that misses the table then allocates nothing. */
    private static volatile boolean othersUsed;

    private static int slot(long threadId) {
        return (int) (threadId & (SLOTS - 1));
    }

    /** {@code ref} (its thread, a worker of {@code ref.owner}) was just added to its pool's worker list. */
    static void started(Thread t, WorkerRef ref) {
        int i = slot(ref.threadId);
        WorkerRef old = BY_ID.get(i);
        if ((old == null || !alive(old)) && BY_ID.compareAndSet(i, old, ref)) {
            return;
        }
        put(t, ref.owner);
    }

    /** A thread not yet started (between start()'s entry and its start) counts as alive. */
    private static boolean alive(WorkerRef ref) {
        Thread t = ref.get();
        return t != null && t.getState() != Thread.State.TERMINATED;
    }

    /** Attributed without a slot: a worker found at its first task, or a thread whose slot was taken. */
    @SuppressWarnings("deprecation")
    static void put(Thread t, PoolState s) {
        othersUsed = true;
        OTHERS.put(t, s);
        // a slot of its own from an earlier start would answer first
        int i = slot(t.getId());
        WorkerRef r = BY_ID.get(i);
        if (r != null && r.threadId == t.getId()) {
            BY_ID.compareAndSet(i, r, null);
        }
    }

    @SuppressWarnings("deprecation")
    static PoolState get(Thread t) {
        long id = t.getId();
        WorkerRef r = BY_ID.get(slot(id));
        if (r != null && r.threadId == id) {
            return r.owner;
        }
        return othersUsed ? OTHERS.get(t) : null;
    }

    @SuppressWarnings("deprecation")
    static PoolState remove(Thread t) {
        long id = t.getId();
        int i = slot(id);
        WorkerRef r = BY_ID.get(i);
        if (r != null && r.threadId == id && BY_ID.compareAndSet(i, r, null)) {
            return r.owner;
        }
        return othersUsed ? OTHERS.remove(t) : null;
    }

    /** The worker left its pool's list (it died, or the pool ended): its slot, if still its own, is freed. */
    static void released(WorkerRef ref) {
        BY_ID.compareAndSet(slot(ref.threadId), ref, null);
    }

    static void expunge() {
        OTHERS.expunge();
    }
}
