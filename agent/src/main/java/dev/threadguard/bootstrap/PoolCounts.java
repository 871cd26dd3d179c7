package dev.threadguard.bootstrap;

import dev.threadguard.events.PoolSample;

/**
 * A pool's counts read at one moment, outside any event: a pool that ends before the recording has
 * registered its events is read on an application thread, and initialising an event class there
 * while the recorder registers it deadlocks on JFR's metadata lock (JDK 25).
 */
final class PoolCounts {
    int configuredSize;
    int poolSize;
    int busy;
    int idle;
    int peakBusy;
    long queued;
    long completedTasks;
    int largestPoolSize;

    void copyTo(PoolSample e) {
        e.configuredSize = configuredSize;
        e.poolSize = poolSize;
        e.busy = busy;
        e.idle = idle;
        e.peakBusy = peakBusy;
        e.queued = queued;
        e.completedTasks = completedTasks;
        e.largestPoolSize = largestPoolSize;
    }
}
