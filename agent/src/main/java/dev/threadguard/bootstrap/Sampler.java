package dev.threadguard.bootstrap;

import dev.threadguard.events.Host;
import dev.threadguard.events.OsThreadsSeen;
import dev.threadguard.events.PoolSample;
import dev.threadguard.events.ProcessThreads;
import dev.threadguard.events.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * The periodic hooks JFR calls while a recording asks for the events (so they cost nothing otherwise).
 * JFR calls them on its periodic task thread, and at a chunk's end on the thread stopping the
 * recording, hence one lock.
 */
public final class Sampler {
    private Sampler() {}

    static final int MAX_IDS_PER_EVENT = 256;
    /** Beyond this many known pools, one that died undescribed is forgotten anyway (pool churn before any recording). */
    static final int MAX_UNDESCRIBED_GONE = 4096;
    /** A family with no live thread for this many samples is forgotten. */
    static final int FAMILY_EMPTY_SAMPLES = 3;

    /** Live's scrape reads schedstat itself, up to this many OS threads (the recording's sampling is OsThreads). */
    static final int MAX_SCHEDSTAT_THREADS = 4096;

    /**
     * Names of OS threads read from /proc (comm, ~7 us each) per sample, for new threads the snapshots
     * have not named: 2,000 threads starting at once cost one sample 15 ms of them; the rest wait.
     */
    static final int MAX_COMM_READS = 128;
    /** New OS threads the last census of new threads left unnamed. */
    private static int commsPending;

    private static volatile ThreadMXBean threads;
    private static boolean censusDue = true;
    private static int[] knownTids = new int[0];

    private static ThreadMXBean threads() {
        ThreadMXBean t = threads;
        if (t == null) {
            t = ManagementFactory.getThreadMXBean();
            threads = t;
        }
        return t;
    }

    static int liveThreadsIfKnown() {
        ThreadMXBean t = threads;
        return t == null ? -1 : t.getThreadCount();
    }

    /** CPU the sampling took since the last ProcessThreads event. */
    private static long samplingCpu;

    /** One PoolSample per live pool and family. */
    public static synchronized void samplePools() {
        // pools that ended unused since the last sample: their range is written before the samples
        UnusedEnds.flush();
        try {
            CodeSources.flush();
        } catch (Throwable t) {
            // the code sources wait for the next sample
        }
        long cpu0 = OsThreads.threadCpu();
        try {
            samplePoolsNow();
        } finally {
            samplingCpu += Math.max(OsThreads.threadCpu() - cpu0, 0);
        }
    }

    private static void samplePoolsNow() {
        ForkJoinPools.forkJoin(ForkJoinPool.commonPool());
        try {
            OsThreads.beforePoolSamples();
        } catch (Throwable t) {
            // the pools are sampled without what the OS measured
        }
        long now = System.nanoTime();
        List<PoolState> drop = new ArrayList<>();
        for (PoolState s : Registry.states()) {
            try {
                PoolCounts counts = new PoolCounts();
                if (!s.sample(counts)) {
                    // JFR samples at a chunk's start before it tells listeners the recording runs: a pool
                    // that died before any recording is kept until the replay has described it
                    if (s.described || Registry.knownPools() > MAX_UNDESCRIBED_GONE) {
                        drop.add(s);
                    }
                    continue;
                }
                if (s.expired()) {
                    drop.add(s);
                    continue;
                }
                PoolSample e = new PoolSample();
                counts.copyTo(e);
                e.poolId = s.id;
                e.poolName = s.poolName();
                e.kind = s.kind.id();
                e.interval = s.lastSampleNanos == 0 ? 0 : now - s.lastSampleNanos;
                OsSums os = OsThreads.drainPool(s.id);
                e.cpuTime = cpuSinceLastSample(s.liveWorkers());
                osTruth(e, os);
                s.lastSampleNanos = now;
                e.commit();
                if (afterSample(s)) {
                    drop.add(s);
                }
            } catch (Throwable t) {
                // one odd pool must not stop the others
            }
        }
        for (PoolState s : drop) {
            Registry.drop(s);
        }
        java.util.Set<Long> live = new java.util.HashSet<>();
        for (PoolState s : Registry.states()) {
            live.add(s.id);
        }
        OsThreads.forgetPoolsOtherThan(live);
    }

    private static void osTruth(PoolSample e, OsSums a) {
        if (a == null) {
            return;
        }
        e.sampledThreads = a.sampled;
        e.osRunnable = a.runnable;
        e.osUninterruptible = a.uninterruptible;
        e.osCpuTime = a.cpu;
        e.runQueueWait = a.wait;
        e.involuntarySwitches = a.nvcsw;
    }

    /** The sample read as the pool ended, before any recording: written once, when a recording starts. */
    static void commitLast(PoolState s) {
        PoolCounts last = s.lastSample;
        PoolSample e = new PoolSample();
        if (last != null && e.isEnabled()) {
            s.lastSample = null;
            last.copyTo(e);
            e.poolId = s.id;
            e.poolName = s.poolName();
            e.kind = s.kind.id();
            e.commit();
        }
    }

    /** Flushes rejections and reports termination; true when the pool ended and need not be sampled again. */
    private static boolean afterSample(PoolState s) {
        s.afterSample();
        boolean terminated = s.terminated();
        if (terminated) {
            Registry.shutdown(s, Schema.PHASE_TERMINATED, false);
        }
        // not before a recording has described it: the replay at its start still needs it
        return terminated && s.terminatedReported && s.described;
    }

    private static long cpuSinceLastSample(List<WorkerRef> workers) {
        if (workers.isEmpty()) {
            return 0;
        }
        ThreadMXBean mx = threads();
        long[] cpu = new long[workers.size()];
        // the JVM is asked only for the workers this sample's OS snapshot did not read
        int unread = 0;
        for (int i = 0; i < cpu.length; i++) {
            WorkerRef w = workers.get(i);
            cpu[i] = OsThreads.freshCpu(w.threadId);
            if (cpu[i] >= 0 && cpu[i] < w.lastCpuNanos || cpu[i] < 0 && OsThreads.deferred(w.threadId)) {
                // an older reading, or one left for the next read: its CPU counts then, never twice
                cpu[i] = -2;
            } else if (cpu[i] < 0) {
                unread++;
            }
        }
        if (unread > 0) {
            long[] ids = new long[unread];
            int k = 0;
            for (int i = 0; i < cpu.length; i++) {
                if (cpu[i] == -1) {
                    ids[k++] = workers.get(i).threadId;
                }
            }
            long[] asked;
            if (mx instanceof com.sun.management.ThreadMXBean) {
                asked = ((com.sun.management.ThreadMXBean) mx).getThreadCpuTime(ids);
            } else {
                asked = new long[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    asked[i] = mx.getThreadCpuTime(ids[i]);
                }
            }
            k = 0;
            for (int i = 0; i < cpu.length; i++) {
                if (cpu[i] == -1) {
                    cpu[i] = asked[k++];
                }
            }
        }
        long sum = 0;
        for (int i = 0; i < cpu.length; i++) {
            WorkerRef w = workers.get(i);
            if (cpu[i] < 0) {
                continue;
            }
            if (w.lastCpuNanos >= 0) {
                sum += Math.max(cpu[i] - w.lastCpuNanos, 0);
            }
            w.lastCpuNanos = cpu[i];
        }
        return sum;
    }

    /** A metrics reader's view is at most this old: older, it takes an OS snapshot itself. */
    static final long LIVE_MAX_AGE_NANOS = 1_000_000_000L;

    /**
     * For a metrics reader (never a hook): an OS snapshot if the recording took none within
     * {@link #LIVE_MAX_AGE_NANOS}; returns {native, JVM-internal} OS threads, -2 where unknown.
     * Touches no event class.
     */
    static synchronized int[] freshForLive() {
        try {
            long last = OsThreads.lastSnapshotNanos();
            if (last == 0 || System.nanoTime() - last > LIVE_MAX_AGE_NANOS) {
                java.util.Set<Long> live = new java.util.HashSet<>();
                for (PoolState s : Registry.states()) {
                    live.add(s.id);
                }
                OsThreads.snapshotForLive(live);
            }
            return OsThreads.nonJavaThreads();
        } catch (Throwable t) {
            return new int[] {-2, -2};
        }
    }

    /** Thread counts of the process, and the OS threads that appeared since the previous sample. */
    public static synchronized void sampleProcess() {
        long cpu0 = OsThreads.threadCpu();
        try {
            sampleProcessNow(cpu0);
        } finally {
            samplingCpu += Math.max(OsThreads.threadCpu() - cpu0, 0);
        }
    }

    private static void sampleProcessNow(long cpu0) {
        ThreadMXBean mx = threads();
        ProcessThreads e = new ProcessThreads();
        e.platformThreads = mx.getThreadCount();
        e.daemonThreads = mx.getDaemonThreadCount();
        e.peakPlatformThreads = mx.getPeakThreadCount();
        e.startedThreads = mx.getTotalStartedThreadCount();
        // untracked: 0 and the flag, never a sentinel a reader would take for a count
        e.virtualThreadsTracked = Registry.virtualTracked;
        if (Registry.virtualTracked) {
            long started = Registry.VIRTUAL_STARTED.get();
            e.startedVirtualThreads = started;
            e.virtualThreads = Math.max(started - Registry.VIRTUAL_ENDED.get(), 0);
        }
        boolean measured = false;
        try {
            OsThreads.beforeProcessSample();
            measured = OsThreads.listed() >= 0;
        } catch (Throwable t) {
            // the counts are written without what the OS measured
        }
        // the snapshot's listing when it has one: listing /proc/self/task costs ~1 us a thread
        int[] tids = measured ? OsThreads.lastTids() : ProcFs.listTasks();
        e.osThreads = tids.length == 0 ? (int) Schema.UNKNOWN : tids.length;
        OsSums p = OsThreads.process();
        e.osThreadCpuTime = measured ? p.cpu : Schema.UNKNOWN;
        e.runQueueWait = measured ? p.wait : Schema.UNKNOWN;
        if (measured) {
            e.sampledOsThreads = p.sampled;
            e.mappedOsThreads = OsThreads.mapped();
            e.osRunnable = p.runnable;
            e.involuntarySwitches = p.nvcsw;
        }
        e.newOsThreadsPending = commsPending;
        long now = OsThreads.threadCpu();
        e.samplingCpuTime = samplingCpu + Math.max(now - cpu0, 0);
        // what follows (native groups, census) counts toward the next event
        samplingCpu = -Math.max(now - cpu0, 0);
        OsThreads.resetProcess();
        e.commit();
        try {
            OsThreads.natives().emit();
        } catch (Throwable t) {
            // the census below still names them
        }
        osThreads(tids);
    }

    /**
     * OsThreadsSeen for the threads new since the previous sample (all of them for a census), named as
     * the snapshots know them; past {@link #MAX_COMM_READS} reads of /proc, a new thread waits for a
     * later sample (it stays out of the known ones).
     */
    private static void osThreads(int[] tids) {
        boolean census = censusDue;
        censusDue = false;
        int[] previous = knownTids;
        Map<String, List<Integer>> byComm = new TreeMap<>();
        int reads = 0;
        int pending = 0;
        int[] known = tids;
        for (int i = 0; i < tids.length; i++) {
            int tid = tids[i];
            if (census || Arrays.binarySearch(previous, tid) < 0) {
                String comm = OsThreads.knownComm(tid);
                if (comm == null && (census || reads < MAX_COMM_READS)) {
                    reads++;
                    comm = ProcFs.comm(tid);
                }
                if (comm == null) {
                    if (known == tids) {
                        known = Arrays.copyOf(tids, tids.length);
                    }
                    // not known: reported as new by the next sample
                    known[i] = -1;
                    pending++;
                    continue;
                }
                byComm.computeIfAbsent(comm, k -> new ArrayList<>()).add(tid);
            }
        }
        if (pending > 0) {
            known = Arrays.stream(known).filter(t -> t >= 0).toArray();
        }
        knownTids = known;
        commsPending = pending;
        for (Map.Entry<String, List<Integer>> group : byComm.entrySet()) {
            OsThreadsSeen e = new OsThreadsSeen();
            e.comm = group.getKey();
            e.count = group.getValue().size();
            StringBuilder ids = new StringBuilder();
            List<Integer> list = group.getValue();
            for (int i = 0; i < list.size() && i < MAX_IDS_PER_EVENT; i++) {
                if (i > 0) {
                    ids.append(' ');
                }
                ids.append(list.get(i));
            }
            e.osThreadIds = ids.toString();
            e.census = census;
            e.commit();
        }
    }

    /**
     * At the start and end of every chunk: the host, a full OS thread census and a sample of every
     * pool, so that even a recording shorter than one period has a first and a last sample.
     */
    public static synchronized void host() {
        Host e = new Host();
        HostFacts.fill(e);
        e.commit();
        censusDue = true;
        samplePools();
        sampleProcess();
    }
}
