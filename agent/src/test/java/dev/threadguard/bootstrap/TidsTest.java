package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TidsTest {

    @Test
    void shortNumberedNamesAreLeftToTheSampler() {
        for (String name : new String[] {"Thread-7", "churn-41", "pool-3-thread-2", "sleeper-0", "w1"}) {
            assertTrue(Tids.leftToSampler(name), name);
        }
    }

    @Test
    void namesTheSamplerCannotTellApartAreReadInTheThread() {
        // 16+ characters: the comm is cut to 15, so pool-1-thread-10..19 share pool-1-thread-1's
        for (String name : new String[] {"pool-1-thread-10", "ForkJoinPool-1-worker-1", "worker", "main", "", "Signal Dispatcher"}) {
            assertFalse(Tids.leftToSampler(name), name);
        }
    }

    /** The comm holds 15 bytes of UTF-8: a short name that is not ASCII may not fit, or be cut inside a character. */
    @Test
    void aShortNameThatIsNotAsciiIsReadInTheThread() throws Exception {
        for (String name : new String[] {"größe-1", "wörker-12", "线程-3", "ab\u00e9-7"}) {
            assertFalse(Tids.leftToSampler(name), name);
        }
        assertTrue(learnsItsOwnId("größe-1"), "a non-ASCII short name reads its own OS id in run()");
        assertFalse(learnsItsOwnId("groesse-1"), "the same name in ASCII is left to the sampler");
        Tids.drainLater(new java.util.ArrayList<>());
    }

    /** Whether a thread of this name, at run()'s entry, remembers its own OS id (rather than leaving it to the sampler). */
    private static boolean learnsItsOwnId(String name) throws InterruptedException {
        boolean[] found = new boolean[1];
        Thread t = new Thread(() -> {
            Tids.learnCurrent();
            int tid = Tids.readCurrent();
            found[0] = tid > 0 && Tids.thread(tid) == Thread.currentThread();
            Tids.forget(tid);
        }, name);
        t.start();
        t.join();
        return found[0];
    }

    @Test
    void theRingTakesAThreadAndGivesItBackOnce() {
        Thread t = new Thread(() -> { }, "ring-1");
        java.util.List<Thread> out = new java.util.ArrayList<>();
        Tids.drainLater(out);
        out.clear();
        Tids.leaveToSampler(t);
        Tids.drainLater(out);
        assertTrue(out.contains(t), out.toString());
        out.clear();
        Tids.drainLater(out);
        assertFalse(out.contains(t));
    }

    /** A thread that allocates nothing itself takes no TLAB for the agent: the ring path allocates nothing. */
    @Test
    void aThreadLeftToTheSamplerAllocatesNothingAndOneThatReadsItsIdDoes() throws Exception {
        assertEquals(0, allocatedBy("alloc-1"));
        assertTrue(allocatedBy("worker") > 0, "the readlink path allocates: the measure sees allocations");
        Tids.drainLater(new java.util.ArrayList<>());
    }

    private static long allocatedBy(String name) throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] bytes = new long[1];
        Thread t = new Thread(() -> {
            Tids.learnCurrent(); // class initialisation, cached names
            long before = mx.getCurrentThreadAllocatedBytes();
            Tids.learnCurrent();
            bytes[0] = mx.getCurrentThreadAllocatedBytes() - before;
        }, name);
        t.start();
        t.join();
        return bytes[0];
    }
}
