package dev.threadguard.events.live;

/**
 * One live pool or thread family as a metrics reader sees it at one moment: identity, configuration
 * and cumulative counters. Public because readers outside the bootstrap loader (the agent's
 * Prometheus endpoint, the Micrometer binder in the application) read it; JDK types only.
 */
public final class PoolView {
    /** Stable id within this JVM. */
    public final long id;
    /** Readable name from the creation site, e.g. {@code BatchEnv.<init>:44 fixed(32)}. */
    public final String name;
    /** ThreadPoolExecutor, ScheduledThreadPoolExecutor, ForkJoinPool, CommonPool, EventLoopGroup or ThreadFamily. */
    public final String kind;
    /** How the size relates to availableProcessors(): n, n-1, n+1, 2n, n/2; "" when it does not. */
    public final String processorRelation;
    public final String creationSite;
    /** Live worker threads. */
    public final int size;
    /** Core size (executors), parallelism (ForkJoinPools), -1 for families. */
    public final int core;
    /** Maximum size (executors), parallelism (ForkJoinPools), -1 for families. */
    public final int max;
    /** Workers running a task (families: threads in state RUNNABLE). */
    public final int active;
    public final int idle;
    /** Tasks waiting in the queue; 0 for families. */
    public final long queued;
    /** Tasks completed (ForkJoinPools: steals, approximate); 0 for families. */
    public final long completed;
    /** CPU time of the pool's workers since the agent saw them, ns; never decreases. */
    public final long cpuNanos;
    /**
     * Time the pool's workers were ready to run but waited on a run queue for a CPU (schedstat), ns,
     * since the agent first read them; never decreases. -2 when the OS's numbers cannot be read.
     */
    public final long runQueueWaitNanos;

    public PoolView(long id, String name, String kind, String processorRelation, String creationSite, int size, int core,
             int max, int active, long queued, long completed, long cpuNanos, long runQueueWaitNanos) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.processorRelation = processorRelation;
        this.creationSite = creationSite;
        this.size = size;
        this.core = core;
        this.max = max;
        this.active = Math.min(active, size);
        this.idle = Math.max(size - this.active, 0);
        this.queued = queued;
        this.completed = completed;
        this.cpuNanos = cpuNanos;
        this.runQueueWaitNanos = runQueueWaitNanos;
    }
}
