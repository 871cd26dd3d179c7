package dev.threadguard.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded building blocks of the model. */
class ModelPartsTest {
    @TempDir
    Path tmp;

    @Test
    void longSetIsASetAndStaysBounded() {
        LongSet s = new LongSet(1000);
        for (long i = 0; i < 5000; i++) {
            s.add(i * 7919);
        }
        assertEquals(1000, s.size());
        assertTrue(s.overflowed());
        assertTrue(s.contains(0) && s.contains(7919 * 999L));
        assertFalse(s.contains(7919 * 4000L));
        assertFalse(s.add(0));
        assertEquals(1000, s.toArray().length);
    }

    @Test
    void seriesCoarsensInsteadOfGrowing() {
        Series s = new Series(1000, "a");
        for (int i = 0; i < 100_000; i++) {
            s.add(1_000_000L + i * 1000L, i);
        }
        assertTrue(s.points().size() <= Series.MAX_BUCKETS, "buckets " + s.points().size());
        assertEquals(99_999, s.max("a"));
        assertEquals(49_999.5, s.mean("a"), 1e-6);
    }

    @Test
    void timelineCoarsensAndKeepsTotals() {
        PoolTimeline t = new PoolTimeline(1000);
        for (int i = 0; i < 10_000; i++) {
            t.add(i * 1000L, 0, 7, 3, 3, 4, 4, 0, 500_000_000L, 1_000_000_000L);
        }
        assertTrue(t.bucketCount() <= PoolTimeline.MAX_BUCKETS);
        double busy = 0;
        int samples = 0;
        for (PoolTimeline.Bucket b : t.buckets()) {
            PoolTimeline.Acc a = b.pools().get(new PoolTimeline.Key(0, 7));
            busy += a.busySum;
            samples += a.samples;
            assertEquals(0.5, a.coresUsed(), 1e-9);
        }
        assertEquals(10_000, samples);
        assertEquals(30_000, busy);
    }

    @Test
    void timelineMergesPoolsBeyondTheCap() {
        PoolTimeline t = new PoolTimeline(1000);
        for (int p = 0; p < PoolTimeline.MAX_POOLS_PER_BUCKET + 50; p++) {
            t.add(0, 0, p, 1, 1, 1, 1, 0, 0, 1);
        }
        var pools = t.buckets().get(0).pools();
        assertEquals(PoolTimeline.MAX_POOLS_PER_BUCKET + 1, pools.size());
        assertEquals(50, pools.get(new PoolTimeline.Key(0, PoolTimeline.OTHER_POOLS)).samples);
    }

    @Test
    void chunkScanTellsBadFilesApart() throws Exception {
        assertThrows(BadInputException.class, () -> ChunkScan.scan(tmp.resolve("none.jfr")));
        Path empty = Files.createFile(tmp.resolve("e.jfr"));
        assertTrue(assertThrows(BadInputException.class, () -> ChunkScan.scan(empty)).getMessage().contains("empty"));
        Path junk = Files.writeString(tmp.resolve("j.jfr"), "PK\u0003\u0004 zip file");
        assertTrue(assertThrows(BadInputException.class, () -> ChunkScan.scan(junk)).getMessage().contains("not a JFR"));
        byte[] header = new byte[68];
        header[0] = 'F';
        header[1] = 'L';
        header[2] = 'R';
        java.nio.ByteBuffer.wrap(header).putLong(8, 1000);
        Path partial = Files.write(tmp.resolve("p.jfr"), header);
        ChunkScan s = ChunkScan.scan(partial);
        assertEquals(0, s.intactChunks);
        assertTrue(s.problem.contains("truncated in chunk 1"), s.problem);
    }

    @Test
    void namePatternsAndComm() {
        assertEquals("pool-3-thread-*", dev.threadguard.events.ThreadNames.namePattern("pool-3-thread-17"));
        assertEquals("nioEventLoopGroup-3-*", dev.threadguard.events.ThreadNames.namePattern("nioEventLoopGroup-3-2"));
        assertEquals("main", dev.threadguard.events.ThreadNames.namePattern("main"));
        assertEquals("ForkJoinPool.co", dev.threadguard.events.ThreadNames.comm("ForkJoinPool.commonPool-worker-1"));
        assertTrue(dev.threadguard.events.ThreadNames.isJvmInternal("GC Thread#3"));
        assertTrue(dev.threadguard.events.ThreadNames.isJvmInternal("C2 CompilerThre"));
        assertFalse(dev.threadguard.events.ThreadNames.isJvmInternal("omp_worker"));
        assertTrue(dev.threadguard.events.ThreadNames.isJitCompiler("C1 CompilerThre"));
        assertTrue(dev.threadguard.events.ThreadNames.isJitCompiler("JVMCI-native Co"));
        assertFalse(dev.threadguard.events.ThreadNames.isJitCompiler("GC Thread#3"));
    }
}
