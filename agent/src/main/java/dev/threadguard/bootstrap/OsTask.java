package dev.threadguard.bootstrap;

/** One OS thread: its owner once known, and its counters as last read. */
final class OsTask {
    final int tid;
    /** Its files' paths, made at its first read: thousands of threads listed at once are read over several snapshots. */
    private String schedstat;
    private String status;
    /** Listed after the first snapshot: everything it ran is new. */
    final boolean bornSinceFirst;
    int age;
    /** The Java thread with this id, if the agent knows it; and the pool or family it works for. */
    Thread thread;
    PoolState owner;
    boolean resolved;
    /** Counters from a previous read are there to take differences from. */
    boolean baseline;
    boolean statusRead;
    long cpu;
    long wait;
    long nvcsw;
    char state = '?';
    String comm;
    /** The snapshot that last read it, and what it measured then. */
    long lastRead;
    /** Reads that found it had run but left its status file unread (see {@link TaskReads#read}). */
    int sinceStatus;
    long dCpu;
    long dWait;
    long dNvcsw;
    /**
     * What an OS thread read before it was matched to its Java thread (it ran as no one's): its pool
     * or family takes it in the snapshot of the match, whole as if the thread had read its own id.
     */
    long creditCpu;
    long creditWait;

    /** Matched to its Java thread in the snapshot that just read it. */
    void matched(Thread javaThread, PoolState pool) {
        thread = javaThread;
        owner = pool;
        if (bornSinceFirst) {
            creditCpu = Math.max(cpu - dCpu, 0);
            creditWait = Math.max(wait - dWait, 0);
        }
    }

    OsTask(int tid, boolean bornSinceFirst) {
        this.tid = tid;
        this.bornSinceFirst = bornSinceFirst;
    }

    String schedstat() {
        if (schedstat == null) {
            schedstat = "/proc/self/task/" + tid + "/schedstat";
        }
        return schedstat;
    }

    String status() {
        if (status == null) {
            status = "/proc/self/task/" + tid + "/status";
        }
        return status;
    }
}
