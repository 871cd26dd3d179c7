package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolsEndedUnused;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Pools that end unused, each before the next pool is created, written as one range of ids
 * ({@link PoolsEndedUnused}) instead of a PoolShutdown each: under pool-per-request churn the second
 * event per pool cost as much as the hooks. A range is written when a pool breaks it (an id that
 * does not follow), at each pool sample, and at every chunk's end (JFR calls {@link #flush} then,
 * before a recording is written), so none is lost at exit.
 *
 * <p>Lock-free: a pool that follows the open range joins it with one compare-and-set of the range's
 * last id. Whoever writes a range first seals it (its last id swapped for {@link #SEALED}), so a
 * pool either joined before the seal and is in the written range, or its CAS failed and it opens
 * the next range or, when another thread replaced the open range at the same moment, gets its own
 * PoolShutdown. No thread ever waits for another (many threads churning pools took one global lock
 * per pool end before).
 */
public final class UnusedEnds {
    private UnusedEnds() {}

    /** A range's last id once a writer has taken it; no pool id follows it. */
    private static final long SEALED = Long.MIN_VALUE;

    /** The open range, begun at its first pool's end. */
    private static final class Range {
        final PoolsEndedUnused event;
        final long first;
        volatile long last;

        Range(PoolsEndedUnused event, long first) {
            this.event = event;
            this.first = first;
            this.last = first;
        }
    }

    private static final VarHandle LAST;
    private static final VarHandle OPEN;

    static {
        try {
            LAST = MethodHandles.lookup().findVarHandle(Range.class, "last", long.class);
            OPEN = MethodHandles.lookup().findStaticVarHandle(UnusedEnds.class, "open", Range.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Null when none is open. */
    @SuppressWarnings("unused") // through OPEN
    private static volatile Range open;

    /**
     * True if the pool's end is recorded in a range; false when no recording takes the range, or
     * another thread replaced the open range at this moment (then the caller writes its PoolShutdown).
     * newestId: the newest pool id when it ended.
     */
    static boolean add(long id, long newestId) {
        if (id != newestId) {
            return false; // a newer pool exists: the range could not say this one ended before it
        }
        Range r = open;
        if (r != null) {
            long l = r.last;
            if (l == id - 1 && LAST.compareAndSet(r, l, id)) {
                return true;
            }
        }
        PoolsEndedUnused e = Emit.endedUnusedRange();
        if (e == null) {
            flush();
            return false;
        }
        e.begin();
        if (!OPEN.compareAndSet(r, new Range(e, id))) {
            return false;
        }
        if (r != null) {
            write(r);
        }
        return true;
    }

    /** Writes the open range, if any. Never throws. */
    public static void flush() {
        try {
            Range r = open;
            if (r != null && OPEN.compareAndSet(r, null)) {
                write(r);
            }
        } catch (Throwable t) {
            // the next flush writes it
        }
    }

    /** Seals the range and writes it, once: a pool that joins it later fails its CAS. */
    private static void write(Range r) {
        long last = (long) LAST.getAndSet(r, SEALED);
        if (last == SEALED) {
            return;
        }
        PoolsEndedUnused e = r.event;
        e.firstPoolId = r.first;
        e.lastPoolId = last;
        e.pools = last - r.first + 1;
        e.end();
        e.commit();
    }
}
