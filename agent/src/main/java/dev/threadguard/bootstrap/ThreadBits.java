package dev.threadguard.bootstrap;

/**
 * Per thread id, one bit each: is the thread some pool's worker, and is it the agent's own. Asked on
 * every submission, pool creation and thread start, so an array read, not a map lookup.
 */
final class ThreadBits {
    private ThreadBits() {}

    private static final WeakIdentityMap<Thread, Boolean> EXCLUDED = new WeakIdentityMap<>();

    /**
     * One bit per thread id below 1M: set for every thread the agent attributed to a pool or family.
     * A submission into the common pool asks whether its thread is some pool's worker; for the
     * threads that are not, this answers with one array read instead of a ThreadLocal lookup
     * (~30 ns on a ~55 ns submission). Ids are never reused, so a dead thread's bit does no harm.
     */
    private static final int WORKER_BITS_IDS = 1 << 20;

    private static final long[] WORKER_BITS = new long[WORKER_BITS_IDS >>> 6];

    @SuppressWarnings("deprecation")
    static void markWorker(Thread t) {
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
}
