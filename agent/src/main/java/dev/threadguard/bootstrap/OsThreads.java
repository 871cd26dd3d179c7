package dev.threadguard.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the OS measured for every thread of the process: on-CPU and run-queue wait time
 * (/proc/self/task/TID/schedstat), state and involuntary switches (.../status), summed per pool or
 * family whose worker the thread is, per name for the others ({@link NativeGroups}) and for the process.
 *
 * <p>A schedstat read costs ~4 us of kernel time; status (~8 us) is read only for a thread that ran
 * since its previous read (one that did not kept its state and its switch count). A snapshot stops
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
    /** Workers whose id was not learned are listed again every this many snapshots. */
    private static final int NAME_SCAN_EVERY = 8;
    /** Snapshots during which a new Java thread may still turn out to be some pool's worker. */
    private static final int YOUNG_SNAPSHOTS = 3;
    private static final int STATUS_COST = 2;
    private static final byte[] STATE = "State:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME = "Name:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONVOLUNTARY = "nonvoluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);

    /** One OS thread: its owner once known, and its counters as last read. */
    static final class Task {
        final int tid;
        final String schedstat;
        final String status;
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
        long dCpu;
        long dWait;
        long dNvcsw;

        Task(int tid, boolean bornSinceFirst) {
            this.tid = tid;
            String dir = "/proc/self/task/" + tid + "/";
            this.schedstat = dir + "schedstat";
            this.status = dir + "status";
            this.bornSinceFirst = bornSinceFirst;
        }
    }

    /** Sums of what the OS measured for a set of threads; counts are the latest snapshot's. */
    static final class Acc {
        long generation;
        int sampled;
        int runnable;
        int uninterruptible;
        long cpu;
        long wait;
        long nvcsw;

        void add(long gen, Task t) {
            if (generation != gen) {
                generation = gen;
                sampled = 0;
                runnable = 0;
                uninterruptible = 0;
            }
            sampled++;
            if (t.state == 'R') {
                runnable++;
            } else if (t.state == 'D') {
                uninterruptible++;
            }
            cpu += t.dCpu;
            wait += t.dWait;
            nvcsw += t.dNvcsw;
        }
    }

    private static final byte[] BUF = new byte[8192];
    private static Map<Integer, Task> tasks = new HashMap<>();
    private static boolean first = true;
    private static long generation;
    /** The tid the next snapshot starts reading from. */
    private static int cursor;
    private static boolean poolsPending;
    private static boolean processPending;
    private static int lastListed = -1;
    private static int[] lastTids = new int[0];
    private static int lastMapped;

    private static final Map<Long, Acc> POOLS = new HashMap<>();
    private static final Acc PROCESS = new Acc();
    private static final NativeGroups NATIVES = new NativeGroups();
    private static ThreadMXBean mx;

    /** The OS truth for one pool since its last sample, or null if none was measured. */
    static Acc drainPool(long poolId) {
        return POOLS.remove(poolId);
    }

    /** Before the pool samples: measure unless a snapshot already waits for them. */
    static void beforePoolSamples() {
        if (!poolsPending) {
            snapshot();
        }
        poolsPending = false;
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

    static Acc process() {
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
        lastTids = tids;
        if (tids.length == 0) {
            lastListed = -1;
            return;
        }
        lastListed = tids.length;

        Map<Integer, Task> next = new HashMap<>(Math.max(16, tids.length * 2));
        for (int tid : tids) {
            Task t = tasks.remove(tid);
            next.put(tid, t != null ? t : new Task(tid, !first));
        }
        for (Integer gone : tasks.keySet()) {
            Tids.forget(gone);
        }
        tasks = next;
        first = false;
        for (Task t : tasks.values()) {
            resolve(t);
        }
        if (gen % NAME_SCAN_EVERY == 1) {
            WorkerMatch.scan(tasks.values());
        }

        int start = Arrays.binarySearch(tids, cursor);
        if (start < 0) {
            start = -start - 1;
        }
        int cost = 0;
        int done = 0;
        while (done < tids.length && cost + 1 + STATUS_COST <= MAX_READ_COST) {
            if ((done & 63) == 63 && threadCpu() - cpu0 > MAX_CPU_NANOS) {
                break;
            }
            cost += readTask(tasks.get(tids[(start + done) % tids.length]), gen);
            done++;
        }
        cursor = tids[(start + done) % tids.length];
        WorkerMatch.match(tasks.values(), gen);

        NATIVES.beginSnapshot();
        int mappedNow = 0;
        for (int tid : tids) {
            Task t = tasks.get(tid);
            boolean measured = t.lastRead == gen;
            if (t.owner != null) {
                if (measured) {
                    mappedNow++;
                    POOLS.computeIfAbsent(t.owner.id, k -> new Acc()).add(gen, t);
                    t.owner.osRunQueueWaitTotal += t.dWait;
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
        NATIVES.endSnapshot(WorkerMatch.workerComms(), namesNow || gen % NAME_SCAN_EVERY == 1 ? knownThreads() : null);
    }

    private static java.util.Set<Thread> knownThreads() {
        java.util.Set<Thread> known = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Task t : tasks.values()) {
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
        if (lastTids.length > 0 && gen % LIST_EVERY != 1 && ProcFs.threadCount() == lastTids.length) {
            return lastTids;
        }
        return ProcFs.listTasks();
    }

    /** Finds the Java thread and pool of an OS thread; a young Java thread is asked again (its pool registers it after it started). */
    private static void resolve(Task t) {
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

    /** The first 15 characters of a Java thread's name: what the OS shows as its comm. */
    static String comm(String name) {
        return dev.threadguard.events.ThreadNames.comm(name);
    }

    /** Reads one thread; returns the read cost spent. Sets the task's differences for this snapshot. */
    private static int readTask(Task t, long gen) {
        int n = ProcFs.readInto(t.schedstat, BUF);
        if (n <= 0) {
            return 1;
        }
        long cpu = ProcFs.parseLong(BUF, 0, n);
        int sp = indexOf(BUF, 0, n, (byte) ' ');
        long wait = sp < 0 ? -1 : ProcFs.parseLong(BUF, sp + 1, n);
        if (cpu < 0 || wait < 0) {
            return 1;
        }
        // read before: its difference; born since the first snapshot: all of it; else a baseline
        boolean whole = !t.baseline && t.bornSinceFirst;
        long dCpu = t.baseline ? Math.max(cpu - t.cpu, 0) : whole ? cpu : 0;
        long dWait = t.baseline ? Math.max(wait - t.wait, 0) : whole ? wait : 0;
        int cost = 1;
        long dNvcsw = 0;
        // a thread that did not run since its last read kept its state and its involuntary switches
        if (!t.statusRead || dCpu > 0 || t.state == 'R' || t.state == 'D') {
            cost += STATUS_COST;
            int m = ProcFs.readInto(t.status, BUF);
            if (m > 0) {
                long nv = readStatus(t, m);
                if (nv >= 0) {
                    dNvcsw = t.statusRead ? Math.max(nv - t.nvcsw, 0) : whole ? nv : 0;
                    t.nvcsw = nv;
                }
                t.statusRead = true;
            }
        }
        t.cpu = cpu;
        t.wait = wait;
        t.baseline = true;
        t.lastRead = gen;
        t.dCpu = dCpu;
        t.dWait = dWait;
        t.dNvcsw = dNvcsw;
        return cost;
    }

    /** Takes the comm and state from a status file in BUF; returns nonvoluntary_ctxt_switches or -1. */
    private static long readStatus(Task t, int m) {
        int at = ProcFs.afterLineKey(BUF, m, NAME);
        if (at >= 0) {
            at = skipBlanks(at, m);
            int eol = indexOf(BUF, at, m, (byte) '\n');
            t.comm = new String(BUF, at, (eol < 0 ? m : eol) - at, StandardCharsets.UTF_8);
        }
        at = ProcFs.afterLineKey(BUF, m, STATE);
        if (at >= 0) {
            at = skipBlanks(at, m);
            t.state = at < m ? (char) BUF[at] : '?';
        }
        at = ProcFs.afterLineKey(BUF, m, NONVOLUNTARY);
        return at < 0 ? -1 : ProcFs.parseLong(BUF, at, m);
    }

    private static int skipBlanks(int at, int end) {
        while (at < end && (BUF[at] == '\t' || BUF[at] == ' ')) {
            at++;
        }
        return at;
    }

    private static int indexOf(byte[] buf, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
