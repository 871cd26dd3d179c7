package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.PoolsEndedUnused;
import dev.threadguard.events.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranges of pools that ended unused, written by a real JFR recording and read back: every pool
 * whose end {@link UnusedEnds#add} took is in exactly one written range, and no range holds a pool
 * it did not take, also with threads ending pools and a writer flushing at the same time (the
 * ranges are lock-free: no thread waits for another).
 */
class UnusedEndsTest {
    @TempDir
    Path dir;

    @Test
    void poolsEndedOneAfterAnotherFormOneRange() throws Exception {
        AtomicLong ids = new AtomicLong(1_000_000);
        Set<Long> taken = new ConcurrentSkipListSet<>();
        List<long[]> ranges = record(() -> {
            for (int i = 0; i < 1000; i++) {
                long id = ids.incrementAndGet();
                if (UnusedEnds.add(id, ids.get())) {
                    taken.add(id);
                }
            }
        });
        assertEquals(1000, taken.size(), "one thread: every pool that ended before the next was made joins a range");
        assertEquals(1, ranges.size(), "one range for a run of pools: " + ranges.size());
        assertExactly(taken, ranges);
    }

    @Test
    void threadsEndingPoolsAtOnceLoseNoEndAndRecordNoneTwice() throws Exception {
        AtomicLong ids = new AtomicLong(2_000_000);
        Set<Long> taken = new ConcurrentSkipListSet<>();
        AtomicLong notTaken = new AtomicLong();
        int threads = 4;
        int perThread = 50_000;
        List<long[]> ranges = record(() -> {
            AtomicBoolean done = new AtomicBoolean();
            // the sampler and JFR's chunk end write the open range while pools keep joining it
            Thread flusher = new Thread(() -> {
                while (!done.get()) {
                    UnusedEnds.flush();
                    Thread.yield();
                }
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        long id = ids.incrementAndGet();
                        if (UnusedEnds.add(id, ids.get())) {
                            taken.add(id);
                        } else {
                            notTaken.incrementAndGet();
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            flusher.start();
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            done.set(true);
            flusher.join();
        });
        assertEquals(threads * perThread, taken.size() + notTaken.get());
        assertTrue(taken.size() > 0, "no pool joined a range");
        assertExactly(taken, ranges);
    }

    /** Every taken id in exactly one range, and every range's ids taken. */
    private static void assertExactly(Set<Long> taken, List<long[]> ranges) {
        TreeMap<Long, Long> byFirst = new TreeMap<>();
        long inRanges = 0;
        for (long[] r : ranges) {
            assertEquals(r[1] - r[0] + 1, r[2], "pools = last - first + 1");
            assertTrue(byFirst.put(r[0], r[1]) == null, "two ranges begin at " + r[0]);
            inRanges += r[2];
        }
        long previousLast = Long.MIN_VALUE;
        Set<Long> covered = new TreeSet<>();
        for (var e : byFirst.entrySet()) {
            assertTrue(e.getKey() > previousLast, "ranges overlap at " + e.getKey());
            previousLast = e.getValue();
            for (long id = e.getKey(); id <= e.getValue(); id++) {
                covered.add(id);
            }
        }
        assertEquals(inRanges, covered.size());
        Set<Long> lost = new TreeSet<>(taken);
        lost.removeAll(covered);
        Set<Long> extra = new TreeSet<>(covered);
        extra.removeAll(taken);
        assertEquals(List.of(), first(lost), lost.size() + " taken ends in no written range, e.g.");
        assertEquals(List.of(), first(extra), extra.size() + " ids in a range whose end was not taken, e.g.");
    }

    private static List<Long> first(Set<Long> ids) {
        return ids.stream().limit(5).collect(java.util.stream.Collectors.toList());
    }

    private List<long[]> record(ThrowingRunnable body) throws Exception {
        Path file = dir.resolve("ranges.jfr");
        boolean wasReady = Emit.ready;
        try (Recording r = new Recording()) {
            r.enable(PoolsEndedUnused.class);
            r.start();
            Emit.ready = true;
            try {
                body.run();
                UnusedEnds.flush();
            } finally {
                Emit.ready = wasReady;
            }
            r.stop();
            r.dump(file);
        }
        List<long[]> ranges = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(Schema.POOLS_ENDED_UNUSED)) {
                ranges.add(new long[] {e.getLong("firstPoolId"), e.getLong("lastPoolId"), e.getLong("pools")});
            }
        }
        Files.deleteIfExists(file);
        return ranges;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
