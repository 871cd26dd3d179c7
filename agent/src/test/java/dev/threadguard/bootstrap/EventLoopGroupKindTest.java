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
}
