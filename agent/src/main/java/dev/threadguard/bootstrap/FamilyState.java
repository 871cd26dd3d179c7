package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.Schema;
import dev.threadguard.events.kinds.PoolKinds;
import dev.threadguard.events.live.PoolView;
import java.util.List;

/**
 * Threads started outside any JDK pool (Netty event loops, Jetty's QueuedThreadPool, a thread per
 * request), grouped by name pattern, thread class and the pool of the thread that started them.
 */
final class FamilyState extends PoolState {
    final String key;
    final String namePattern;
    final String threadClass;
    int emptySamples;

    FamilyState(long id, String key, String namePattern, String threadClass, Sites.Site site, long creatorPoolId) {
        super(id, PoolKinds.FAMILY, threadClass, site, creatorPoolId, -1);
        this.key = key;
        this.namePattern = namePattern;
        this.threadClass = threadClass;
    }

    /** A thread of this name and class belongs here (its creator aside). */
    boolean isFamilyOf(String threadName, String threadClassName) {
        return threadClass.equals(threadClassName) && dev.threadguard.events.ThreadNames.hasPattern(threadName, namePattern);
    }

    @Override
    String label() {
        return "threads " + namePattern;
    }

    @Override
    Object pool() {
        return null;
    }

    @Override
    int configuredSize() {
        return 0;
    }

    @Override
    void describe(PoolCreated e) {
        // a family has no configured size: 0, as documented
        e.corePoolSize = 0;
        e.maximumPoolSize = 0;
        e.parallelism = 0;
        e.queueCapacity = Schema.UNBOUNDED;
        e.namePattern = namePattern;
        e.threadClass = threadClass;
    }

    @Override
    PoolView live(long cpuNanos, long waitNanos) {
        List<WorkerRef> live = liveWorkers();
        return live.isEmpty() ? null : view(live.size(), -1, -1, runnable(live), 0, 0, cpuNanos, waitNanos);
    }

    @Override
    boolean sample(PoolCounts e) {
        emptySamples = sampleThreadStates(e, 0) == 0 ? emptySamples + 1 : 0;
        return true;
    }

    @Override
    boolean expired() {
        return emptySamples >= Sampler.FAMILY_EMPTY_SAMPLES;
    }

    @Override
    void dropped() {
        Families.dropped(this);
    }
}
