package dev.threadguard.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the OS thread of a worker that did not learn its own id (it started before the agent, or
 * its class overrides run(), as Hazelcast's threads do). By name when exactly one such worker and
 * one unknown OS thread carry it (the OS shows 15 characters of it); else by CPU time: a thread
 * that is not running has the same CPU time in ThreadMXBean and in schedstat, to the nanosecond.
 */
final class WorkerMatch {
    private WorkerMatch() {}

    /** Workers whose OS thread is not known yet: {thread, its pool, its comm}. */
    private static List<Object[]> unmapped = new ArrayList<>();
    private static Map<String, Long> workerComms = new HashMap<>();
    private static ThreadMXBean mx;

    /** Workers' comm to their pool's id, -1 when workers of several pools share it. */
    static Map<String, Long> workerComms() {
        return workerComms;
    }

    /** Lists every live worker whose OS thread is not known (walks every pool: every few snapshots only). */
    static void scan(Collection<OsTask> tasks) {
        Set<Thread> known = Collections.newSetFromMap(new IdentityHashMap<>());
        for (OsTask t : tasks) {
            if (t.thread != null) {
                known.add(t.thread);
            }
        }
        Map<String, Long> comms = new HashMap<>();
        List<Object[]> found = new ArrayList<>();
        for (PoolState s : Registry.states()) {
            for (WorkerRef w : s.liveWorkers()) {
                Thread t = w.get();
                if (t == null) {
                    continue;
                }
                String comm = OsThreads.comm(t.getName());
                long id = s.id;
                comms.merge(comm, id, (a, b) -> a.longValue() == b.longValue() ? a : -1L);
                if (!known.contains(t)) {
                    found.add(new Object[] {t, s, comm});
                }
            }
        }
        workerComms = comms;
        unmapped = found;
    }

    /** Matches the listed workers against the unknown OS threads this snapshot read. */
    @SuppressWarnings("deprecation")
    static void match(Collection<OsTask> tasks, long gen) {
        if (unmapped.isEmpty()) {
            return;
        }
        Map<String, Integer> byName = new HashMap<>();
        for (OsTask t : tasks) {
            if (t.thread == null && t.comm != null) {
                byName.merge(t.comm, t.tid, (a, b) -> -1);
            }
        }
        Map<String, Map<Long, Integer>> byCpu = unknownByCpu(tasks, gen);
        Map<String, Integer> workersByName = new HashMap<>();
        for (Object[] w : unmapped) {
            workersByName.merge((String) w[2], 1, Integer::sum);
        }
        long[] ids = new long[unmapped.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Thread) unmapped.get(i)[0]).getId();
        }
        long[] cpu = cpuTimes(ids);
        Map<Integer, OsTask> byTid = null;
        List<Object[]> still = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Object[] w = unmapped.get(i);
            Thread thread = (Thread) w[0];
            String comm = (String) w[2];
            Integer tid = null;
            if (workersByName.get(comm) == 1) {
                tid = byName.get(comm);
            }
            if ((tid == null || tid < 0) && cpu[i] > 0 && byCpu.containsKey(comm)) {
                tid = byCpu.get(comm).get(cpu[i]);
            }
            if (tid == null || tid < 0 || !thread.isAlive()) {
                if (thread.isAlive()) {
                    still.add(w);
                }
                continue;
            }
            if (byTid == null) {
                byTid = new HashMap<>();
                for (OsTask t : tasks) {
                    byTid.put(t.tid, t);
                }
            }
            OsTask t = byTid.get(tid);
            if (t != null && t.thread == null) {
                t.matched(thread, (PoolState) w[1]);
                t.resolved = true;
                Tids.remember(thread, tid);
            }
        }
        unmapped = still;
    }

    /**
     * The OS threads of no known Java thread that this snapshot read, by comm and then by on-CPU time
     * (-1 where two share both): a Java thread that is not running has the same CPU time in
     * ThreadMXBean, to the nanosecond.
     */
    static Map<String, Map<Long, Integer>> unknownByCpu(Collection<OsTask> tasks, long gen) {
        Map<String, Map<Long, Integer>> byCpu = new HashMap<>();
        for (OsTask t : tasks) {
            if (t.thread == null && t.comm != null && t.lastRead == gen) {
                byCpu.computeIfAbsent(t.comm, k -> new HashMap<>()).merge(t.cpu, t.tid, (a, b) -> -1);
            }
        }
        return byCpu;
    }

    /** CPU times of these Java threads (ThreadMXBean), -1 where unknown. */
    static long[] cpuTimes(long[] ids) {
        if (mx == null) {
            mx = ManagementFactory.getThreadMXBean();
        }
        try {
            if (mx instanceof com.sun.management.ThreadMXBean) {
                return ((com.sun.management.ThreadMXBean) mx).getThreadCpuTime(ids);
            }
        } catch (Throwable e) {
            // no CPU times: names only
        }
        long[] none = new long[ids.length];
        java.util.Arrays.fill(none, -1);
        return none;
    }
}
