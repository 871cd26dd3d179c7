package dev.threadguard.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the OS measured for every thread of the process: on-CPU and run-queue wait time
 * (/proc/self/task/TID/schedstat), state and involuntary switches (.../status), summed per pool or
 * family whose worker the thread is, per name for the others ({@link NativeGroups}) and for the process.
 *
 * <p>A schedstat read costs ~4 us of kernel time; status (~8 us) is read only for a thread that ran
 * since its previous read (one that did not kept its state and its switch count); a Java thread
 * parked in Java that did not run costs neither ({@link TaskReads#read}). A snapshot stops
 * at {@link #MAX_READ_COST} reads or {@link #MAX_CPU_NANOS} of CPU, and the next one continues from
 * there: a rotating subset whose counters are differences since each thread's own previous read, so
 * sums over a run stay whole. Snapshots add into accumulators that the pool sample and the process
 * sample each drain; whichever of them runs first takes the snapshot. Called under the Sampler's lock.
 */
final class OsThreads {
    private OsThreads() {}

    /** Reads per snapshot, a schedstat read counting 1 and a status read 2. */
    static final int MAX_READ_COST = 1200;
    /** CPU one snapshot may take; reading stops there and the next snapshot goes on. */
    static final long MAX_CPU_NANOS = 5_000_000;
    /** The thread list is read again at least every this many snapshots (else when the thread count changed). */
    private static final int LIST_EVERY = 8;
    /**
     * Every this many snapshots, workers whose id was not learned are listed again, and Java threads
     * are matched to native groups by name. The listing (2.5 ms at 2,000 threads), the worker scan
     * (~3 ms) and the name match (~1.5 ms) each have their own snapshot of the round, so that no
     * sample pays two of them (they made the p90 of the sampling cost); the first snapshot does all.
     */
    private static final int NAME_SCAN_EVERY = 8;
    private static final int LIST_PHASE = 1;
    private static final int SCAN_PHASE = 3;
    private static final int NAMES_PHASE = 6;
    /** New threads in one listing past which the worker scan waits for the next snapshot. */
    private static final int MANY_NEW = 256;
    private static boolean scanDue;
    private static boolean scanPutOff;
    /** Snapshots during which a new Java thread may still turn out to be some pool's worker. */
    private static final int YOUNG_SNAPSHOTS = 3;

    private static Map<Integer, OsTask> tasks = new HashMap<>();
    /** The tasks in the order of {@link #lastTids}. */
    private static OsTask[] listedTasks = new OsTask[0];
    private static boolean first = true;
    private static long generation;
    /** The tid the next snapshot starts reading from. */
    private static int cursor;
    private static boolean poolsPending;
    private static boolean processPending;
    private static int lastListed = -1;
    private static int[] lastTids = new int[0];
    private static int lastMapped;

    private static final Map<Long, OsSums> POOLS = new HashMap<>();
    private static final OsSums PROCESS = new OsSums();
    private static final NativeGroups NATIVES = new NativeGroups();
    private static ThreadMXBean mx;

    /** The OS truth for one pool since its last sample, or null if none was measured. */
    static OsSums drainPool(long poolId) {
        return POOLS.remove(poolId);
    }

    /** Before the pool samples: measure unless a snapshot already waits for them. */
    static void beforePoolSamples() {
        // a snapshot waiting for the pools (the process sample took it) is as fresh as one taken now
        if (!poolsPending) {
            snapshot();
        }
        poolsPending = false;
    }

    /**
     * CPU clocks of the pool workers the snapshot just taken for the pool samples read (schedstat's
     * and the JVM's are the same nanoseconds), by Java thread id: the pool samples take them
     * instead of asking the JVM again (~1.8 us a worker).
     */
    private static final Map<Long, Long> FRESH_CPU = new HashMap<>();
    /**
     * Workers whose OS thread is known but whose read this snapshot left for the next (its cap): the
     * pool samples count their CPU at that read instead of asking the JVM for each (~1.8 us a worker,
     * 2-4 ms at 2,000 after a capped snapshot), so the cap bounds the whole sample.
     */
    private static final java.util.Set<Long> DEFERRED = new java.util.HashSet<>();

    /** The snapshot skipped this worker's known OS thread: its CPU counts at its next read. */
    static boolean deferred(long javaThreadId) {
        return DEFERRED.contains(javaThreadId);
    }

    /** A worker's CPU clock as the pool samples' own snapshot read it, or -1. */
    static long freshCpu(long javaThreadId) {
        Long c = FRESH_CPU.get(javaThreadId);
        return c == null ? -1 : c;
    }

    /** Before the process sample: measure unless a snapshot already waits for it. */
    static void beforeProcessSample() {
        if (!processPending) {
            snapshot();
        }
        processPending = false;
    }

    /** Pools no longer sampled keep no accumulators. */
    static void forgetPoolsOtherThan(java.util.Set<Long> live) {
        POOLS.keySet().retainAll(live);
    }

    static OsSums process() {
        return PROCESS;
    }

    /** The OS thread ids the last snapshot listed, sorted; empty if /proc could not be read. */
    static int[] lastTids() {
        return lastTids;
    }

    /** OS threads listed by the last snapshot, -1 if /proc could not be read. */
    static int listed() {
        return lastListed;
    }

    /** Threads read by the last snapshot that are workers of a pool or family. */
    static int mapped() {
        return lastMapped;
    }

    static NativeGroups natives() {
        return NATIVES;
    }


    static void resetProcess() {
        PROCESS.cpu = 0;
        PROCESS.wait = 0;
        PROCESS.nvcsw = 0;
    }

    static long threadCpu() {
        if (mx == null) {
            mx = ManagementFactory.getThreadMXBean();
        }
        try {
            return mx.getCurrentThreadCpuTime();
        } catch (Throwable t) {
            return 0;
        }
    }

    static void snapshot() {
        FRESH_CPU.clear();
        DEFERRED.clear();
        try {
            read(threadCpu(), false);
        } finally {
            poolsPending = true;
            processPending = true;
        }
    }

    /** When the last snapshot was taken (System.nanoTime), 0 before the first. */
    static long lastSnapshotNanos() {
        return lastSnapshotNanos;
    }

    /**
     * A snapshot for a metrics reader when none was taken lately (no recording samples): the running
     * totals grow, and the recording's next samples still take their own.
     */
    static void snapshotForLive(java.util.Set<Long> livePools) {
        read(threadCpu(), true);
        // nothing may drain the accumulators without a recording
        forgetPoolsOtherThan(livePools);
    }

    /** {native, JVM-internal} OS threads of the last snapshot, by comm; {-2, -2} when /proc could not be read. */
    static int[] nonJavaThreads() {
        if (lastListed < 0) {
            return new int[] {-2, -2};
        }
        return NATIVES.countByOrigin();
    }

    private static long lastSnapshotNanos;

    /** namesNow: match Java threads to native groups by name in this snapshot (else every few). */
    private static void read(long cpu0, boolean namesNow) {
        lastSnapshotNanos = System.nanoTime();
        long gen = ++generation;
        int[] tids = listing(gen);
        // the same listing as last time: the task table stands as it is
        boolean relisted = tids != lastTids || listedTasks.length != tids.length;
        lastTids = tids;
        if (tids.length == 0) {
            lastListed = -1;
            return;
        }
        lastListed = tids.length;

        int newTasks = 0;
        if (relisted) {
            Map<Integer, OsTask> next = new HashMap<>(Math.max(16, tids.length * 2));
            OsTask[] byIndex = new OsTask[tids.length];
            for (int i = 0; i < tids.length; i++) {
                OsTask t = tasks.remove(tids[i]);
                if (t == null) {
                    t = new OsTask(tids[i], !first);
                    newTasks++;
                }
                byIndex[i] = t;
                next.put(tids[i], byIndex[i]);
            }
            for (Integer gone : tasks.keySet()) {
                Tids.forget(gone);
            }
            tasks = next;
            listedTasks = byIndex;
        }
        OsTask[] listed = listedTasks;
        first = false;
        for (OsTask t : tasks.values()) {
            resolve(t);
        }
        // the worker scan is not paid in a snapshot that found many threads new (thousands that
        // started at once): the next one takes it, whatever it finds
        scanDue |= gen == 1 || gen % NAME_SCAN_EVERY == SCAN_PHASE;
        if (scanDue && newTasks > MANY_NEW && gen > 1 && !scanPutOff) {
            scanPutOff = true;
        } else if (scanDue) {
            scanDue = false;
            scanPutOff = false;
            WorkerMatch.scan(tasks.values());
        }

        int start = Arrays.binarySearch(tids, cursor);
        if (start < 0) {
            start = -start - 1;
        }
        int cost = 0;
        int done = 0;
        while (done < tids.length && cost + 1 + TaskReads.STATUS_COST <= MAX_READ_COST) {
            if ((done & 63) == 63 && threadCpu() - cpu0 > MAX_CPU_NANOS) {
                break;
            }
            cost += TaskReads.read(listed[(start + done) % tids.length], gen, mx);
            done++;
        }
        cursor = tids[(start + done) % tids.length];
        LateTids.match(tasks, gen);
        WorkerMatch.match(tasks.values(), gen);

        NATIVES.beginSnapshot();
        int mappedNow = 0;
        for (OsTask t : listed) {
            boolean measured = t.lastRead == gen;
            if (t.owner != null) {
                if (measured) {
                    mappedNow++;
                    if (t.thread != null) {
                        FRESH_CPU.put(TaskReads.javaId(t.thread), t.cpu);
                    }
                    OsSums sums = POOLS.computeIfAbsent(t.owner.id, k -> new OsSums());
                    sums.add(gen, t);
                    t.owner.osRunQueueWaitTotal += t.dWait + t.creditWait;
                    sums.credit(t);
                } else if (t.thread != null) {
                    // not read yet (a thread new since, too): its first read counts it whole
                    DEFERRED.add(TaskReads.javaId(t.thread));
                }
            } else if (t.thread == null && (t.age > 1 || !t.bornSinceFirst)) {
                // not in its first snapshot: a Java thread listed before its run() learned its id is no native
                NATIVES.listed(t, measured);
            }
            if (measured) {
                PROCESS.add(gen, t);
            }
        }
        lastMapped = mappedNow;
        NATIVES.endSnapshot(WorkerMatch.workerComms(), namesNow || gen == 1 || gen % NAME_SCAN_EVERY == NAMES_PHASE ? knownThreads() : null);
    }

    private static java.util.Set<Thread> knownThreads() {
        java.util.Set<Thread> known = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (OsTask t : tasks.values()) {
            if (t.thread != null) {
                known.add(t.thread);
            }
        }
        return known;
    }

    /**
     * The OS threads: listing /proc/self/task costs ~1.5 us a thread (3 ms at 2,000), so the last
     * listing is kept while the process's thread count (/proc/self/status) is unchanged, and
     * refreshed at least every {@link #LIST_EVERY} snapshots.
     */
    private static int[] listing(long gen) {
        if (lastTids.length > 0 && gen % LIST_EVERY != LIST_PHASE && ProcFs.threadCount() == lastTids.length) {
            return lastTids;
        }
        return ProcFs.listTasks();
    }

    /** Finds the Java thread and pool of an OS thread; a young Java thread is asked again (its pool registers it after it started). */
    private static void resolve(OsTask t) {
        t.age++;
        if (t.resolved) {
            return;
        }
        if (t.thread == null) {
            t.thread = Tids.thread(t.tid);
        }
        if (t.thread != null) {
            t.owner = Registry.ownerOf(t.thread);
            t.resolved = t.owner != null || t.age > YOUNG_SNAPSHOTS;
        }
    }

    /**
     * An OS thread's comm as the snapshots know it without reading /proc: from its status read, or
     * the name of its Java thread (the JVM names the OS thread so as it starts); null if neither.
     */
    static String knownComm(int tid) {
        OsTask t = tasks.get(tid);
        if (t == null) {
            return null;
        }
        if (t.comm != null) {
            return t.comm;
        }
        return t.thread != null ? comm(t.thread.getName()) : null;
    }

    /** The first 15 characters of a Java thread's name: what the OS shows as its comm. */
    static String comm(String name) {
        return dev.threadguard.events.ThreadNames.comm(name);
    }

}
