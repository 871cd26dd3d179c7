package dev.threadguard.bootstrap;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The live pools by identity. The pool a thread created last sits in that thread's slot of a small
 * array (indexed by thread id); it moves to a weak identity map when its thread creates another
 * pool, or when another thread asks for it. A pool created, used and shut down on one thread (a
 * pool per request, the leak threadguard exists to find) so never touches the map: a map entry,
 * its weak key and the object's identity hash cost more than the pool's own creation.
 *
 * <p>Lock-free. A pool is always in a slot, in the map, or in both for a moment while it moves: it
 * is put into the map before its slot is given up.
 */
final class PoolTable {
    private static final int SLOTS = 256;
    private final AtomicReferenceArray<PoolState> newest = new AtomicReferenceArray<>(SLOTS);
    private final WeakIdentityMap<Object, PoolState> moved;

    /** collected: told the state of a pool in the map that was collected without having ended. */
    PoolTable(java.util.function.Consumer<PoolState> collected) {
        this.moved = new WeakIdentityMap<>(collected);
    }

    @SuppressWarnings("deprecation")
    private static int slotOfCurrentThread() {
        return (int) Thread.currentThread().getId() & (SLOTS - 1);
    }

    PoolState get(Object pool) {
        PoolState s = getHere(pool);
        return s != null ? s : fromOtherSlot(pool);
    }

    /** Without looking into other threads' slots: for a pool this thread is creating right now. */
    PoolState getHere(Object pool) {
        PoolState s = newest.get(slotOfCurrentThread());
        if (s != null && s.pool() == pool) {
            return s;
        }
        return moved.get(pool);
    }

    /** Another thread's newest pool (or one not known): moved to the map, where every thread finds it. */
    private PoolState fromOtherSlot(Object pool) {
        for (int i = 0; i < SLOTS; i++) {
            PoolState s = newest.get(i);
            if (s != null && s.pool() == pool) {
                moveToMap(s, pool);
                newest.compareAndSet(i, s, null);
                return s;
            }
        }
        return null;
    }

    /** A pool just created on this thread; the one in this thread's slot moves to the map, or is handed to {@code gone} if it was collected. */
    void addNew(Object pool, PoolState s, java.util.function.Consumer<PoolState> gone) {
        int slot = slotOfCurrentThread();
        s.slot = slot;
        for (;;) {
            PoolState old = newest.get(slot);
            Object oldPool = old == null ? null : old.pool();
            if (oldPool != null && !old.ended) {
                moveToMap(old, oldPool);
            }
            if (newest.compareAndSet(slot, old, s)) {
                if (old != null && oldPool == null) {
                    gone.accept(old);
                }
                return;
            }
        }
    }

    /** A pool found after its creation: the state already known for it if another thread was first. */
    PoolState addFound(Object pool, PoolState s) {
        s.slot = -1;
        Object entry = moved.putIfAbsentEntry(pool, s);
        if (entry == null) {
            PoolState known = moved.get(pool);
            return known != null ? known : s;
        }
        s.entry = entry;
        return s;
    }

    private void moveToMap(PoolState s, Object pool) {
        if (s.entry != null) {
            return;
        }
        Object entry = moved.putIfAbsentEntry(pool, s);
        if (entry != null) {
            s.entry = entry;
            // it ended meanwhile, and its remove() may have run before the entry was there
            if (s.ended) {
                moved.removeEntry(entry);
            }
        }
    }

    /** Forgets the pool (it ended, or its state is dropped). */
    void remove(PoolState s) {
        if (s.slot >= 0) {
            newest.compareAndSet(s.slot, s, null);
        }
        Object entry = s.entry;
        if (entry != null) {
            moved.removeEntry(entry);
        }
    }

    /** Every state, each once. */
    void addTo(List<PoolState> all) {
        all.addAll(moved.values());
        for (int i = 0; i < SLOTS; i++) {
            PoolState s = newest.get(i);
            if (s != null && s.entry == null) {
                all.add(s);
            }
        }
    }

    /** Pools in the map; those in the slots (at most 256) are not counted. */
    int movedSize() {
        return moved.size();
    }

    void expunge() {
        moved.expunge();
    }
}
