package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolsEndedUnused;

/**
 * Pools that end unused, each before the next pool is created, written as one range of ids
 * ({@link PoolsEndedUnused}) instead of a PoolShutdown each: under pool-per-request churn the second
 * event per pool cost as much as the hooks. A range is written when a pool breaks it (an id that
 * does not follow), at each pool sample, and at every chunk's end (JFR calls {@link #flush} then,
 * before a recording is written), so none is lost at exit.
 */
public final class UnusedEnds {
    private UnusedEnds() {}

    private static final Object LOCK = new Object();
    /** The open range's event, begun at its first pool's end; null when none is open. */
    private static PoolsEndedUnused open;
    private static long first;
    private static long last;

    /**
     * True if the pool's end is recorded in a range; false when no recording takes the range (then
     * the caller writes its PoolShutdown). newestId: the newest pool id when it ended.
     */
    static boolean add(long id, long newestId) {
        if (id != newestId) {
            return false; // a newer pool exists: the range could not say this one ended before it
        }
        synchronized (LOCK) {
            if (open != null && id == last + 1) {
                last = id;
                return true;
            }
            PoolsEndedUnused e = Emit.endedUnusedRange();
            if (e == null) {
                writeOpen();
                return false;
            }
            writeOpen();
            e.begin();
            open = e;
            first = id;
            last = id;
            return true;
        }
    }

    /** Writes the open range, if any. Never throws. */
    public static void flush() {
        try {
            synchronized (LOCK) {
                writeOpen();
            }
        } catch (Throwable t) {
            // the next flush writes it
        }
    }

    private static void writeOpen() {
        PoolsEndedUnused e = open;
        if (e == null) {
            return;
        }
        open = null;
        e.firstPoolId = first;
        e.lastPoolId = last;
        e.pools = last - first + 1;
        e.end();
        e.commit();
    }
}
