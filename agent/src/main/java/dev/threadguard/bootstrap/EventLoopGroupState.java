package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.Schema;
import dev.threadguard.events.kinds.PoolKinds;
import dev.threadguard.events.live.PoolView;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * A Netty event loop group: as many event loops as the group was built with, each starting its one
 * thread when it first gets work. Read only through the JDK interfaces the group implements; its
 * threads are attributed when one of its loops starts them ({@link EventLoops}).
 */
final class EventLoopGroupState extends PoolState {
    private final WeakReference<Object> ref;
    private final int loops;

    EventLoopGroupState(long id, Object group, int loops, Sites.Site site, long creatorPoolId) {
        super(id, PoolKinds.EVENT_LOOP_GROUP, group.getClass().getName(), site, creatorPoolId, loops);
        this.ref = new WeakReference<>(group);
        this.loops = loops;
    }

    @Override
    String label() {
        String simple = poolClass.substring(poolClass.lastIndexOf('.') + 1);
        return (simple.isEmpty() || simple.contains("$") ? "eventLoopGroup" : simple) + "(" + loops + ")";
    }

    @Override
    Object pool() {
        return ref.get();
    }

    @Override
    int configuredSize() {
        return loops;
    }

    @Override
    void describe(PoolCreated e) {
        e.corePoolSize = loops;
        e.maximumPoolSize = loops;
        e.parallelism = loops;
        e.queueType = "event loop task queues";
        e.queueCapacity = Schema.UNBOUNDED;
    }

    @Override
    boolean sample(PoolCounts e) {
        if (pool() == null) {
            return false;
        }
        sampleThreadStates(e, loops);
        e.queued = queued();
        return true;
    }

    @Override
    PoolView live(long cpuNanos, long waitNanos) {
        if (pool() == null || terminated()) {
            return null;
        }
        List<WorkerRef> live = liveWorkers();
        return view(live.size(), loops, loops, runnable(live), queued(), 0, cpuNanos, waitNanos);
    }

    private long queued() {
        Object group = pool();
        return group == null ? 0 : kind.queued(group);
    }
}
