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
