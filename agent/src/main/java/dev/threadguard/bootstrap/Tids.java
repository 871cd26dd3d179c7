package dev.threadguard.bootstrap;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * OS thread ids of Java threads: the JVM has no API that gives another thread's OS id. A thread
 * whose name the sampler can find among the OS threads' names ({@link #leftToSampler}) only puts
 * itself into a fixed ring as it starts running, and {@link LateTids} matches it by name when a
 * sample first reads its OS thread; any other thread reads its own id (readlink
 * /proc/thread-self, ~2 us, and it allocates: a thread that allocated nothing else takes a whole
 * TLAB for it). Kept by OS id, the thread held weakly; the sampler forgets ids no longer listed,
 * and past {@link #MAX_IDS} (thread churn without a recording) dead threads are swept out.
 */
final class Tids {
    private Tids() {}

    static final int MAX_IDS = 32_768;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final ConcurrentHashMap<Integer, WeakReference<Thread>> BY_TID = new ConcurrentHashMap<>();
    /** Set once /proc/thread-self turned out to be unreadable (not Linux): no more tries. */
    private static volatile boolean unavailable;
    /**
     * Threads that left their id to the sampler, newest overwriting oldest: writing a slot allocates
     * nothing. Holds at most this many dead threads when no sampler drains it; a live one overwritten
     * before a sample is found by {@link WorkerMatch} instead.
     */
    static final int LATER_SLOTS = 1024;
    private static final AtomicReferenceArray<Thread> LATER = new AtomicReferenceArray<>(LATER_SLOTS);
    private static final AtomicInteger LATER_NEXT = new AtomicInteger();

    /** Called on a thread as it starts running, and on the thread that installs the agent. */
    static void learnCurrent() {
        if (unavailable) {
            return;
        }
        Thread t = Thread.currentThread();
        Class<?> c = t.getClass();
        if (c != Thread.class && c.getName().equals("java.lang.VirtualThread")) {
            // its OS thread is a carrier's, which learns its own
            return;
        }
        if (leftToSampler(t.getName()) || Registry.ownerOf(t) instanceof ExecutorState) {
            leaveToSampler(t);
            return;
        }
        learnNow(t);
    }

    /**
     * An executor's worker with a long name reads its id at its second task, not as it starts: the
     * read costs ~25 us of CPU in a new thread (NIO's per-thread native buffer, its cleaner and
     * thread-exit hook), a quarter of what the thread's start and end cost, and a worker of a pool
     * per request runs one task and ends before any sample could use it. Until then the sampler
     * matches it by name ({@link LateTids}) or CPU time ({@link WorkerMatch}).
     */
    static void learnAtSecondTask(Thread t) {
        if (!unavailable && !leftToSampler(t.getName())) {
            learnNow(t);
        }
    }

    private static void learnNow(Thread t) {
        int tid = readCurrent();
        if (tid > 0) {
            remember(t, tid);
        }
    }

    /**
     * The OS shows the first 15 bytes of a thread's name as it starts (its comm, UTF-8): a name of
     * at most 15 ASCII characters that ends in a number (a thread's index: Thread-7, churn-41,
     * pool-3-thread-2) is taken to be one no other live thread carries, so the sampler can match
     * it; any other name (longer: pool-1-thread-1 and pool-1-thread-12 share a comm; shared:
     * "worker"; or not ASCII: "größe-1" takes more bytes than characters, and may be cut inside
     * one) is read here.
     */
    static boolean leftToSampler(String name) {
        int n = name.length();
        if (n == 0 || n > 15) {
            return false;
        }
        char last = name.charAt(n - 1);
        if (last < '0' || last > '9') {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static void leaveToSampler(Thread t) {
        LATER.set(LATER_NEXT.getAndIncrement() & (LATER_SLOTS - 1), t);
    }

    /** Moves the threads that left their id to the sampler into {@code into}, emptying the ring. */
    static void drainLater(java.util.List<Thread> into) {
        for (int i = 0; i < LATER_SLOTS; i++) {
            if (LATER.get(i) != null) {
                Thread t = LATER.getAndSet(i, null);
                if (t != null) {
                    into.add(t);
                }
            }
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
