package dev.threadguard.bootstrap;

import dev.threadguard.events.NativeThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * OS threads that are no Java thread the agent knows, grouped by comm: native threads inherit the
 * comm of the thread that created them, so the group names their creator. Filled by
 * {@link OsThreads} snapshots, written as NativeThreads events by the process sample.
 */
final class NativeGroups {
    /** Groups written per process sample, the largest first: one per comm, bounded by what a reader wants. */
    static final int MAX_EVENTS = 256;
    static final int MAX_IDS = 256;

    static final class Group {
        final String comm;
        int count;
        final StringBuilder ids = new StringBuilder();
        int javaThreads;
        Thread creator;
        int creatorCandidates;
        long creatorPoolId;
        final OsSums acc = new OsSums();

        Group(String comm) {
            this.comm = comm;
        }
    }

    private final Map<String, Group> groups = new HashMap<>();
    private long generation;
    private static final long PID = ProcessHandle.current().pid();
    /** The comm of the process's first thread (tid = pid: the launcher's, waiting for the JVM to end) if listed. */
    private String primordial;

    void beginSnapshot() {
        generation++;
        primordial = null;
        for (Group g : groups.values()) {
            g.count = 0;
            g.ids.setLength(0);
        }
    }

    void listed(OsTask t, boolean measured) {
        String comm = t.comm == null ? "?" : t.comm;
        Group g = groups.computeIfAbsent(comm, Group::new);
        if (t.tid == PID) {
            primordial = comm;
        }
        if (g.count < MAX_IDS) {
            if (g.ids.length() > 0) {
                g.ids.append(' ');
            }
            g.ids.append(t.tid);
        }
        g.count++;
        if (measured) {
            g.acc.add(generation, t);
        }
    }

    /**
     * Drops groups with no thread left and, given the Java threads whose OS id is known (every few
     * snapshots: it walks every Java thread), names each group's likely creator: the Java threads
     * and the pool or family whose names the comm is the start of.
     */
    void endSnapshot(Map<String, Long> workerComms, java.util.Set<Thread> known) {
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext();) {
            if (it.next().count == 0) {
                it.remove();
            }
        }
        if (groups.isEmpty() || known == null) {
            return;
        }
        for (Group g : groups.values()) {
            g.javaThreads = 0;
            g.creator = null;
            g.creatorCandidates = 0;
        }
        for (Thread t : allThreads()) {
            if (t == null || !t.isAlive()) {
                continue;
            }
            Group g = groups.get(OsThreads.comm(t.getName()));
            if (g == null) {
                continue;
            }
            if (!known.contains(t)) {
                g.javaThreads++;
            }
            g.creator = t;
            g.creatorCandidates++;
        }
        for (Group g : groups.values()) {
            if (g.creatorCandidates != 1) {
                g.creator = null;
            }
            Long pool = workerComms.get(g.comm);
            g.creatorPoolId = pool == null || pool < 0 ? 0 : pool;
        }
    }

    /** Writes one event per group, the largest first, and starts the sums again. */
    void emit() {
        List<Group> list = new ArrayList<>(groups.values());
        list.sort((a, b) -> Integer.compare(b.count, a.count));
        for (int i = 0; i < list.size(); i++) {
            Group g = list.get(i);
            if (i < MAX_EVENTS) {
                NativeThreads e = new NativeThreads();
                e.comm = g.comm;
                e.count = g.count;
                e.javaThreads = g.javaThreads;
                e.creatorThread = g.creator;
                e.creatorPoolId = g.creatorPoolId;
                e.osThreadIds = g.ids.toString();
                e.sampledThreads = g.acc.generation == generation ? g.acc.sampled : 0;
                e.osRunnable = g.acc.generation == generation ? g.acc.runnable : 0;
                e.osCpuTime = g.acc.cpu;
                e.runQueueWait = g.acc.wait;
                e.involuntarySwitches = g.acc.nvcsw;
                e.commit();
            }
            g.acc.cpu = 0;
            g.acc.wait = 0;
            g.acc.nvcsw = 0;
        }
    }

    /**
     * {native, JVM-internal} threads listed by the last snapshot: the launcher's first thread is
     * neither (as in the analyzer), nor is a Java thread of the group's name whose OS id is unknown.
     */
    int[] countByOrigin() {
        int natives = 0;
        int internal = 0;
        for (Group g : groups.values()) {
            // Java threads whose OS id the agent could not learn (a run() that never calls Thread.run) are no native threads
            int n = Math.max(g.count - g.javaThreads - (g.comm.equals(primordial) ? 1 : 0), 0);
            if (dev.threadguard.events.ThreadNames.isJvmInternal(g.comm)) {
                internal += n;
            } else {
                natives += n;
            }
        }
        return new int[] {natives, internal};
    }

    void clear() {
        groups.clear();
    }

    int size() {
        return groups.size();
    }

    /** Every live Java thread, without the cost of their stacks. */
    static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 32];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, n);
    }
}
