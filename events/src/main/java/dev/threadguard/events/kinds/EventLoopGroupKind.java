package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;
import java.lang.reflect.Method;
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

    /**
     * Tasks waiting on the group's loops: each loop's pendingTasks(), asked only where that is Netty's
     * own count of the loop's task queues (SingleThreadEventExecutor's, or SingleThreadEventLoop's with
     * its tail tasks). A loop class that overrides it is not asked: older Netty loops answered a caller
     * off the loop by submitting a task to the loop and waiting for it, and the agent never waits.
     */
    @Override
    public long queued(Object pool) {
        long n = 0;
        for (Object loop : (Iterable<?>) pool) {
            Method pending = loop == null ? null : PENDING_TASKS.get(loop.getClass());
            if (pending != null) {
                try {
                    n += (Integer) pending.invoke(loop);
                } catch (Throwable t) {
                    // a loop being torn down: counted as empty
                }
            }
        }
        return n;
    }

    /** Per loop class: its public pendingTasks() where Netty's base class declares it, else null. */
    private static final ClassValue<Method> PENDING_TASKS = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method m = type.getMethod("pendingTasks");
                String owner = m.getDeclaringClass().getName();
                boolean nettys = owner.endsWith("io.netty.util.concurrent.SingleThreadEventExecutor")
                    || owner.endsWith("io.netty.channel.SingleThreadEventLoop");
                return nettys && m.getReturnType() == int.class ? m : null;
            } catch (Throwable t) {
                return null;
            }
        }
    };

    @Override
    public boolean terminated(Object pool) {
        return ((ExecutorService) pool).isTerminated();
    }
}
