package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The exit's wait for the recording's start, against real threads as /proc sees them. */
class StartWaitTest {
    /**
     * A start whose thread is blocked (no CPU, not runnable) is given up after the stall bound, and
     * says why; one whose thread runs is waited for past that bound, until it settles. One method:
     * the latch is the JVM's one.
     */
    @Test
    void anExitWaitsWhileTheStartRunsAndGivesUpWhenItStalls() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "needs Linux /proc");
        CountDownLatch known = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long runMillis = StartWait.STALL_MILLIS + 1_500;
        Thread starter = new Thread(() -> {
            StartWait.starterRunning();
            known.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            long end = System.nanoTime() + runMillis * 1_000_000;
            long x = 1;
            while (System.nanoTime() < end) {
                x = x * 31 + 7;
            }
            StartWait.SETTLED.countDown();
        }, "starter");
        starter.setDaemon(true);
        starter.start();
        known.await();

        long t0 = System.nanoTime();
        assertFalse(StartWait.await(), "a blocked start is given up");
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= StartWait.STALL_MILLIS, "waited " + waited + " ms");
        assertTrue(StartWait.gaveUp.contains("made no progress"), StartWait.gaveUp);

        release.countDown();
        t0 = System.nanoTime();
        assertTrue(StartWait.await(), "a running start is waited for until it settles");
        waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= StartWait.STALL_MILLIS, "waited past the stall bound: " + waited + " ms");
        starter.join();
    }
}
