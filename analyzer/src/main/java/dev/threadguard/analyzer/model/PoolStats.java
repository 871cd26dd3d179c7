package dev.threadguard.analyzer.model;

import java.time.Instant;

/** One pool or thread family of one process: how it was created and what its samples added up to. */
public final class PoolStats {
    public final long id;
    public int process;
    public String name = "";
    public String kind = "";
    public String poolClass = "";
    public int corePoolSize = -1;
    public int maximumPoolSize = -1;
    public int parallelism = -1;
    public String queueType = "";
    public int queueCapacity = -1;
    public String creationSite = "";
    public int availableProcessors = -1;
    public String processorRelation = "";
    public long creatorPoolId;
    public String namePattern = "";
    public String threadClass = "";
    /** The name of the first worker thread seen starting (a library's thread factory names its pool). */
    public String workerName = "";
    /** True while only a replayed (or no) PoolCreated was seen: created before the recording started. */
    public boolean replayed = true;
    public boolean createdSeen;
    public Instant created;
    /** Top frames of the creation stack, "Class.method(File:line)". */
    public String creationStack = "";

    public String shutdownPhase = "";
    public Instant shutdown;

    // samples
    public int samples;
    public int activeSamples;
    public double busySum;
    public int maxBusy;
    public int maxPeakBusy;
    public double sizeSum;
    public int maxPoolSize;
    public int configuredSize = -1;
    public long maxQueued;
    public int samplesQueuedAtLeastWorkers;
    public long completedTasks;
    public int largestPoolSize;
    public long cpuNanos;
    public long intervalNanos;
    /** CPU and interval of the samples in which some worker was busy. */
    public long busyCpuNanos;
    public double busyWorkerNanos;
    public Instant firstSample;
    public Instant lastSample;

    /** Samples with OS counters (PoolSample.sampledThreads > 0), and what they add up to. */
    public int osSamples;
    public long osCpuNanos;
    /** Time the sampled workers were ready to run but waited for a CPU (schedstat). */
    public long runQueueWaitNanos;
    public long osIntervalNanos;

    public long rejections;
    public int abruptExits;
    public int threadsStarted;
    public int configChanges;

    // the pool's accumulator in the current time bucket (a cache for the model builder)
    long cachedBucket = Long.MIN_VALUE;
    int cachedGeneration = -1;
    PoolTimeline.Acc cachedAcc;

    public PoolStats(long id) {
        this.id = id;
    }

    public boolean isFamily() {
        return dev.threadguard.events.Schema.KIND_FAMILY.equals(kind);
    }

    public boolean isCommonPool() {
        return dev.threadguard.events.Schema.KIND_COMMON_POOL.equals(kind);
    }

    public boolean isForkJoin() {
        return dev.threadguard.events.Schema.KIND_FORK_JOIN.equals(kind) || isCommonPool();
    }

    /** The configured width: maximum pool size / parallelism, else the largest size seen. */
    public int width() {
        if (configuredSize > 0) {
            return configuredSize;
        }
        if (isForkJoin() && parallelism > 0) {
            return parallelism;
        }
        if (maximumPoolSize > 0 && maximumPoolSize < 100_000) {
            return maximumPoolSize;
        }
        return Math.max(maxPoolSize, largestPoolSize);
    }

    public int peakBusy() {
        return Math.max(maxBusy, maxPeakBusy);
    }

    public double meanBusy() {
        return samples == 0 ? 0 : busySum / samples;
    }

    public double meanSize() {
        return samples == 0 ? 0 : sizeSum / samples;
    }

    public int peakSize() {
        return Math.max(maxPoolSize, largestPoolSize);
    }

    /** CPU share of one busy worker (0..1), NaN when no CPU was measured while busy. */
    public double cpuPerBusyWorker() {
        return busyWorkerNanos <= 0 ? Double.NaN : Math.min(1.0, busyCpuNanos / busyWorkerNanos);
    }

    /** Cores the pool used on average over its samples. */
    public double meanCores() {
        return intervalNanos <= 0 ? Double.NaN : (double) cpuNanos / intervalNanos;
    }

    public String label() {
        if (!name.isEmpty()) {
            return name;
        }
        if (!namePattern.isEmpty()) {
            return namePattern;
        }
        return kind + "#" + id;
    }
}
