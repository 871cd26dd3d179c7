package dev.threadguard.bootstrap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the OS threads of the Java threads that left their id to the sampler ({@link Tids#leftToSampler}):
 * by name, in the snapshot that first read the OS thread (its status read gave its comm), so its
 * first read, which counts all it ran since it started, goes to its pool or family whole, as when
 * the thread had read its own id. A thread that ended before any snapshot listed it costs nothing
 * but a slot. Matched when exactly one such live thread and exactly one unknown OS thread read in
 * this snapshot carry the name, or, for a name several carry (an executor's workers with long
 * names leave their id here too), by CPU time; the rest wait {@link #KEEP_SNAPSHOTS} snapshots (a
 * listing is refreshed at least every 8th), then {@link WorkerMatch} looks for them with the other
 * unknown workers. Called under the Sampler's lock.
 */
final class LateTids {
    private LateTids() {}

    static final int KEEP_SNAPSHOTS = 16;
    /** Threads waiting for a match, at most the ring's size times two. */
    private static final int MAX_PENDING = 2 * Tids.LATER_SLOTS;
    private static final List<Thread> drained = new ArrayList<>();
    private static List<Thread> pending = new ArrayList<>();
    private static List<Long> since = new ArrayList<>();

    static int pending() {
        return pending.size();
    }

    /**
     * Matches the waiting threads against the unknown OS threads this snapshot read: by name where
     * one waiting thread and one OS thread carry it, else by CPU time (a thread not running at this
     * moment is matched now, one that runs is tried again at the next snapshot).
     */
    static void match(Map<Integer, OsTask> tasks, long gen) {
        drained.clear();
        Tids.drainLater(drained);
        for (Thread t : drained) {
            if (t.isAlive() && pending.size() < MAX_PENDING) {
                pending.add(t);
                since.add(gen);
            }
        }
        drained.clear();
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Integer> unknownByComm = new HashMap<>();
        for (OsTask t : tasks.values()) {
            if (t.thread == null && t.comm != null && t.lastRead == gen) {
                unknownByComm.merge(t.comm, t.tid, (a, b) -> -1);
            }
        }
        Map<String, Integer> waitingByComm = new HashMap<>();
        String[] comms = new String[pending.size()];
        for (int i = 0; i < comms.length; i++) {
            Thread t = pending.get(i);
            if (t.isAlive()) {
                comms[i] = OsThreads.comm(t.getName());
                waitingByComm.merge(comms[i], 1, Integer::sum);
            }
        }
        List<Thread> still = new ArrayList<>();
        List<Long> stillSince = new ArrayList<>();
        Map<String, Map<Long, Integer>> byCpu = null;
        long[] cpu = null;
        for (int i = 0; i < comms.length; i++) {
            if (comms[i] == null) {
                continue; // ended
            }
            // by name only where the comm is the whole name: a longer name's comm is a prefix that threads
            // which never pass through here share (Hazelcast's are all "hz.<instance>"), so one waiting
            // thread and one unknown OS thread with that comm need not be the same thread
            boolean wholeName = pending.get(i).getName().equals(comms[i]);
            Integer tid = wholeName && waitingByComm.get(comms[i]) == 1 ? unknownByComm.get(comms[i]) : null;
            if (tid == null || tid < 0) {
                // a name several threads share (an executor's workers with long names): by CPU time
                if (cpu == null) {
                    byCpu = WorkerMatch.unknownByCpu(tasks.values(), gen);
                    cpu = WorkerMatch.cpuTimes(ids(pending));
                }
                Map<Long, Integer> sameComm = byCpu.get(comms[i]);
                tid = sameComm == null || cpu[i] <= 0 ? null : sameComm.get(cpu[i]);
            }
            OsTask task = tid == null || tid < 0 ? null : tasks.get(tid);
            Thread thread = pending.get(i);
            if (task != null && task.thread == null) {
                task.matched(thread, Registry.ownerOf(thread));
                // no owner yet (its pool registers it later): OsThreads asks again while it is young
                task.resolved = task.owner != null;
                Tids.remember(thread, tid);
            } else if (gen - since.get(i) < KEEP_SNAPSHOTS) {
                still.add(thread);
                stillSince.add(since.get(i));
            }
        }
        pending = still;
        since = stillSince;
    }

    @SuppressWarnings("deprecation")
    private static long[] ids(List<Thread> threads) {
        long[] ids = new long[threads.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = threads.get(i).getId();
        }
        return ids;
    }
}
