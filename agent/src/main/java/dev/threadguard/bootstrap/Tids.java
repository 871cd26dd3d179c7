package dev.threadguard.bootstrap;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OS thread ids of Java threads, learned in the thread itself as it starts running (readlink
 * /proc/thread-self, ~2 us once per thread): the JVM has no API that gives another thread's OS id.
 * Kept by OS id, the thread held weakly; the sampler forgets ids no longer listed, and past
 * {@link #MAX_IDS} (thread churn without a recording) dead threads are swept out.
 */
final class Tids {
    private Tids() {}

    static final int MAX_IDS = 32_768;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final ConcurrentHashMap<Integer, WeakReference<Thread>> BY_TID = new ConcurrentHashMap<>();
    /** Set once /proc/thread-self turned out to be unreadable (not Linux): no more tries. */
    private static volatile boolean unavailable;

    /** Called on a thread as it starts running, and on the thread that installs the agent. */
    static void learnCurrent() {
        if (unavailable) {
            return;
        }
        Thread t = Thread.currentThread();
        if (t.getClass().getName().equals("java.lang.VirtualThread")) {
            // its OS thread is a carrier's, which learns its own
            return;
        }
        int tid = readCurrent();
        if (tid > 0) {
            remember(t, tid);
        }
    }

    /** The calling thread's OS id, or -1. */
    static int readCurrent() {
        try {
            // "/proc/PID/task/TID"
            String target = Files.readSymbolicLink(THREAD_SELF).toString();
            return Integer.parseInt(target.substring(target.lastIndexOf('/') + 1));
        } catch (Throwable e) {
            unavailable = true;
            return -1;
        }
    }

    /** Remembers the OS id of a thread (learned in it, or a unique name match). */
    static void remember(Thread t, int tid) {
        if (BY_TID.size() >= MAX_IDS) {
            sweep();
        }
        BY_TID.put(tid, new WeakReference<>(t));
    }

    /** The live Java thread with this OS id, or null. */
    static Thread thread(int tid) {
        WeakReference<Thread> ref = BY_TID.get(tid);
        Thread t = ref == null ? null : ref.get();
        return t != null && t.isAlive() ? t : null;
    }

    /** Forgets the ids of threads that ended (the sampler calls this with the ids no longer listed). */
    static void forget(int tid) {
        BY_TID.remove(tid);
    }

    private static synchronized void sweep() {
        for (Iterator<Map.Entry<Integer, WeakReference<Thread>>> it = BY_TID.entrySet().iterator(); it.hasNext();) {
            Thread t = it.next().getValue().get();
            if (t == null || !t.isAlive()) {
                it.remove();
            }
        }
    }

    static int size() {
        return BY_TID.size();
    }
}
