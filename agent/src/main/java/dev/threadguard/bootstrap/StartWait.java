package dev.threadguard.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How an exit waits for the agent's recording to start. JFR's start takes ~0.4 s of CPU on a quiet
 * machine, but a JVM whose threads crowd its CPUs from the first millisecond gives the starting
 * thread a small share of them (16 spinning threads on 2 CPUs: 15-22 s), so a fixed wait counted
 * from premain left no recording. The wait counts from the exit and goes on while the starting
 * thread runs or waits for a CPU (what the OS says of it); it ends when that thread has not moved
 * for {@link #STALL_MILLIS} (a JFR start that blocks) or after {@link #MAX_WAIT_MILLIS}.
 */
final class StartWait {
    private StartWait() {}

    static final long MAX_WAIT_MILLIS = 60_000;
    static final long STALL_MILLIS = 3_000;
    /** Without /proc the starter's progress is unknown: the wait is this long. */
    static final long BLIND_WAIT_MILLIS = 10_000;
    private static final long POLL_MILLIS = 100;

    static final CountDownLatch SETTLED = new CountDownLatch(1);
    static volatile boolean expected;
    /** The recording the agent started is running (JFR said so), even if start() has not returned. */
    static volatile boolean running;
    /** The starting thread's OS id: 0 before it ran, -1 where it cannot be known. */
    private static volatile int starterTid;
    /** Why the last exit wait gave up, for the exit report; null when none did. */
    static volatile String gaveUp;

    static boolean pending() {
        return expected && SETTLED.getCount() > 0;
    }

    /** On the starting thread, first thing: the wait watches it through /proc. */
    static void starterRunning() {
        starterTid = Tids.readCurrent();
    }

    /**
     * Keeps the JVM alive (a non-daemon thread) while the application's main thread runs and, after
     * it ended, for an exit wait: a main() that returns early (or leaves only daemon threads) must not
     * end the JVM before the recording has started.
     */
    static void holdWhileAlive(Thread main) {
        try {
            while (main != null && main.isAlive()) {
                if (SETTLED.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            await();
        } catch (Throwable ignored) {
            // the JVM may exit
        }
    }

    /** Waits from now, while the start makes progress; true when it settled. */
    static boolean await() throws InterruptedException {
        long begin = System.nanoTime();
        long moved = begin;
        long[] last = progress();
        while (!SETTLED.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            long[] p = progress();
            if (p == null) {
                if (now - begin > BLIND_WAIT_MILLIS * 1_000_000) {
                    return giveUp("it was still under way after " + BLIND_WAIT_MILLIS / 1000 + " s", begin);
                }
                continue;
            }
            if (last == null || p[0] + p[1] != last[0] + last[1] || p[2] == 'R') {
                moved = now;
            }
            last = p;
            if (now - moved > STALL_MILLIS * 1_000_000) {
                return giveUp("it made no progress for " + STALL_MILLIS / 1000 + " s (" + describe(p) + ")", begin);
            }
            if (now - begin > MAX_WAIT_MILLIS * 1_000_000) {
                return giveUp("it was still under way (" + describe(p) + ")", begin);
            }
        }
        return true;
    }

    private static boolean giveUp(String why, long begin) {
        gaveUp = "the exit waited " + (System.nanoTime() - begin) / 1_000_000 + " ms for JFR's start, and " + why;
        return false;
    }

    private static String describe(long[] p) {
        return "its thread had run " + p[0] / 1_000_000 + " ms on a CPU and waited " + p[1] / 1_000_000
            + " ms for one: the application's threads held the CPUs";
    }

    /**
     * {on-CPU ns, run-queue wait ns, state} of the starting thread; a thread that has not run yet is
     * waiting for a CPU; null where /proc cannot tell (not Linux) or the thread is gone.
     */
    private static long[] progress() {
        int tid = starterTid;
        if (tid == 0) {
            return new long[] {0, 0, 'R'};
        }
        long[] p = new long[3];
        if (tid < 0 || !ProcFs.schedstat(tid, p)) {
            return null;
        }
        String stat = ProcFs.read("/proc/self/task/" + tid + "/stat");
        int close = stat == null ? -1 : stat.lastIndexOf(')');
        p[2] = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        return p;
    }
}
