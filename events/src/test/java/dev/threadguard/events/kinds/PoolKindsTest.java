package dev.threadguard.events.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The kind descriptors: one per kind the schema names, and their readings of real JDK pools. */
class PoolKindsTest {

    @Test
    void everySchemaKindHasOneDescriptorAndBackAgain() throws Exception {
        Set<String> schemaKinds = new HashSet<>();
        for (Field f : Schema.class.getFields()) {
            if (f.getName().startsWith("KIND_") && Modifier.isStatic(f.getModifiers())) {
                schemaKinds.add((String) f.get(null));
            }
        }
        Set<String> ids = new HashSet<>();
        for (PoolKind k : PoolKinds.ALL) {
            assertTrue(ids.add(k.id()), "one descriptor per id: " + k);
            assertSame(k, PoolKinds.of(k.id()));
            assertFalse(k.shortName().isEmpty() || k.noun().isEmpty(), k.id());
        }
        assertEquals(schemaKinds, ids);
        assertSame(PoolKinds.COMMON_POOL, PoolKinds.of("ForkJoinCommonPool"), "an older recording's spelling");
    }

    @Test
    void aKindFromAnotherVersionReadsWithTheFewestAssumptions() {
        PoolKind k = PoolKinds.of("VirtualThreadPerTaskExecutor");
        assertEquals("VirtualThreadPerTaskExecutor", k.id());
        assertEquals(PoolKind.Width.BOUNDED_OR_SEEN, k.width());
        assertEquals("", k.constructor("x.Y", 1, 2, 3));
        assertFalse(k.idleWaitsForIo() || k.jvmOwned());
        assertEquals("", PoolKinds.of(null).id());
    }

    @Test
    void constructorHintsInTheKindsOwnWords() {
        assertEquals("Executors.newFixedThreadPool(4)", PoolKinds.EXECUTOR.constructor("", 8, 8, 4));
        assertEquals("new ThreadPoolExecutor(2, 4, ...)", PoolKinds.EXECUTOR.constructor("", 2, 16, 4));
        assertEquals("Executors.newScheduledThreadPool(3)", PoolKinds.SCHEDULED.constructor("", 8, 8, 3));
        assertEquals("new ForkJoinPool(5)", PoolKinds.FORK_JOIN.constructor("", 8, 8, 5));
        assertEquals("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", PoolKinds.COMMON_POOL.constructor("", 7, 7, 2));
        assertEquals("new NioEventLoopGroup(4)", PoolKinds.EVENT_LOOP_GROUP.constructor("io.netty.channel.nio.NioEventLoopGroup", 16, 16, 4));
        assertEquals("an event loop group of 4 threads", PoolKinds.EVENT_LOOP_GROUP.constructor("a.B$1", 16, 16, 4));
        assertEquals("", PoolKinds.FAMILY.constructor("java.lang.Thread", 0, 0, 4));
    }

    @Test
    void whatTheRulesAskOfEachKind() {
        assertEquals(PoolKind.Busy.THREAD_STATES, PoolKinds.EVENT_LOOP_GROUP.busy());
        assertEquals(PoolKind.Width.CONFIGURED, PoolKinds.EVENT_LOOP_GROUP.width());
        assertTrue(PoolKinds.EVENT_LOOP_GROUP.idleWaitsForIo());
        assertEquals(PoolKind.Width.SEEN, PoolKinds.FAMILY.width());
        assertTrue(PoolKinds.FAMILY.threadsOnly());
        assertTrue(PoolKinds.COMMON_POOL.splitsTasks() && PoolKinds.FORK_JOIN.splitsTasks() && !PoolKinds.EXECUTOR.splitsTasks());
        assertEquals("event loops", PoolKinds.EVENT_LOOP_GROUP.workers());
        assertFalse(PoolKinds.EVENT_LOOP_GROUP.threadsOnly());
        assertEquals(PoolKind.Busy.TASKS, PoolKinds.EXECUTOR.busy());
        assertTrue(PoolKinds.COMMON_POOL.jvmOwned());
        assertEquals("n-1", PoolKinds.COMMON_POOL.defaultRelation());
        for (PoolKind k : List.of(PoolKinds.EXECUTOR, PoolKinds.FORK_JOIN, PoolKinds.FAMILY)) {
            assertFalse(k.idleWaitsForIo() || k.jvmOwned(), k.id());
        }
    }

    @Test
    void anExecutorsWidthIsItsCoreWhileAnUnboundedQueueHoldsTasks() throws Exception {
        ThreadPoolExecutor p = new ThreadPoolExecutor(2, 8, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < 5; i++) {
                p.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertEquals(3, p.getQueue().size());
            assertEquals(2, PoolKinds.EXECUTOR.configuredSize(p), "queued tasks do not make the queue bounded");
            assertEquals(2, PoolKinds.EXECUTOR.poolSize(p));
            assertFalse(PoolKinds.EXECUTOR.terminated(p));
        } finally {
            release.countDown();
            p.shutdown();
        }
        assertTrue(p.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(PoolKinds.EXECUTOR.terminated(p));
        assertEquals(5, PoolKinds.EXECUTOR.completed(p));

        ThreadPoolExecutor cached = new ThreadPoolExecutor(0, 50, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
        assertEquals(50, PoolKinds.EXECUTOR.configuredSize(cached));
        assertEquals(0, ExecutorKind.queueCapacity(new SynchronousQueue<>()));
        assertEquals(7, ExecutorKind.queueCapacity(new LinkedBlockingQueue<>(7)));
        cached.shutdown();
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(3);
        assertEquals(3, PoolKinds.SCHEDULED.configuredSize(scheduled));
        scheduled.shutdown();
    }

    @Test
    void aForkJoinPoolIsAsWideAsItsParallelism() throws Exception {
        ForkJoinPool p = new ForkJoinPool(3);
        assertEquals(3, PoolKinds.FORK_JOIN.configuredSize(p));
        p.submit(() -> { }).get();
        assertFalse(PoolKinds.FORK_JOIN.terminated(p));
        p.shutdown();
        assertTrue(p.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(PoolKinds.FORK_JOIN.terminated(p));
    }
}
