package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;
import java.util.concurrent.ExecutorService;

/**
 * Netty's event loop groups (any MultithreadEventExecutorGroup: NioEventLoopGroup, EpollEventLoopGroup,
 * DefaultEventLoopGroup, MultiThreadIoEventLoopGroup, also when shaded): a fixed number of event
 * loops, one thread each, started when the loop gets its first work. The pool object is read only
 * through the JDK interfaces Netty's groups implement (ExecutorService, Iterable of its loops), so
 * nothing here links against Netty.
 */
final class EventLoopGroupKind extends PoolKind {
    EventLoopGroupKind() {
        super(Schema.KIND_EVENT_LOOP_GROUP, "event loops", "event loop group", Width.CONFIGURED, Busy.THREAD_STATES);
    }

    @Override
    public String workers() {
        return "event loops";
    }

    @Override
    public boolean idleWaitsForIo() {
        return true;
    }

    @Override
    public String shutdownCall() {
        return "shutdownGracefully()";
    }

    @Override
    public String constructor(String poolClass, int core, int max, int size) {
        String simple = simpleName(poolClass);
        return simple.isEmpty() ? "an event loop group of " + size + " threads" : "new " + simple + "(" + size + ")";
    }

    /** The group's event loops: Netty's groups are Iterable over them. */
    @Override
    public int configuredSize(Object pool) {
        int n = 0;
        for (Object loop : (Iterable<?>) pool) {
            n++;
        }
        return n;
    }

    @Override
    public boolean terminated(Object pool) {
        return ((ExecutorService) pool).isTerminated();
    }
}
