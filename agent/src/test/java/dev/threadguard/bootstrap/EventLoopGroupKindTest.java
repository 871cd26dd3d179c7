package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.kinds.PoolKinds;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event-loop-group kind reads real Netty groups through JDK interfaces only. */
class EventLoopGroupKindTest {

    @Test
    void aGroupsSizeIsItsLoopsAndItsEndIsTermination() throws Exception {
        NioEventLoopGroup nio = new NioEventLoopGroup(5);
        DefaultEventLoopGroup local = new DefaultEventLoopGroup(2);
        assertEquals(5, PoolKinds.EVENT_LOOP_GROUP.configuredSize(nio));
        assertEquals(2, PoolKinds.EVENT_LOOP_GROUP.configuredSize(local));
        assertEquals(nio.executorCount(), PoolKinds.EVENT_LOOP_GROUP.configuredSize(nio));
        assertEquals(-1, PoolKinds.EVENT_LOOP_GROUP.poolSize(nio), "its threads are the agent's count");
        assertFalse(PoolKinds.EVENT_LOOP_GROUP.terminated(nio));
        nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        local.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        assertTrue(PoolKinds.EVENT_LOOP_GROUP.terminated(nio));
        assertTrue(PoolKinds.EVENT_LOOP_GROUP.terminated(local));
    }

    @Test
    void queuedTasksAreNettysOwnCountWithoutWaitingForTheLoop() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(2);
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            io.netty.channel.EventLoop held = group.next();
            held.execute(() -> {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(running.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                held.execute(() -> { });
            }
            // read from this thread while the loop is busy: an answer that waited for the loop would never come
            assertEquals(3, PoolKinds.EVENT_LOOP_GROUP.queued(group));
        } finally {
            release.countDown();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        assertEquals(0, PoolKinds.EVENT_LOOP_GROUP.queued(group));
    }

    /** A loop whose pendingTasks() is its own (older Netty loops asked the loop and waited) is not asked. */
    @Test
    void aLoopThatOverridesPendingTasksIsNotAsked() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1) {
            @Override
            protected io.netty.channel.EventLoop newChild(java.util.concurrent.Executor executor, Object... args) {
                return new io.netty.channel.DefaultEventLoop(this, executor) {
                    @Override
                    public int pendingTasks() {
                        asked.incrementAndGet();
                        return 7;
                    }
                };
            }
        };
        try {
            assertEquals(0, PoolKinds.EVENT_LOOP_GROUP.queued(group));
            assertEquals(0, asked.get());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
