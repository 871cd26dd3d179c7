package dev.threadguard.analyzer.model;

import dev.threadguard.events.kinds.PoolKind;
import dev.threadguard.events.kinds.PoolKinds;
import java.time.Instant;
import java.util.List;

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
    /** Set by a what-if projection: the width and processors as recorded (-1 when not projected). */
    public int recordedWidth = -1;
    public int recordedProcessors = -1;
    /** True while only a replayed (or no) PoolCreated was seen: created before the recording started. */
    public boolean replayed = true;
    public boolean createdSeen;
    public Instant created;
    /** Top frames of the creation stack, "Class.method(File:line)". */
    public String creationStack = "";
    /** The creation stack, innermost first, "pkg.Class.method(File.java:line)": where a library pool's app call is. */
    public List<String> creationFrames = List.of();
    /** The process's application and library code: where a pool made inside a library is fixed. */
    public dev.threadguard.analyzer.knobs.AppCode code = new dev.threadguard.analyzer.knobs.AppCode();
    /** The thread that created the pool (the event's thread); "" for replays and unknown. */
    public String creatorThread = "";

    public String shutdownPhase = "";
    public Instant shutdown;
    /** In a PoolsEndedUnused range: ended without a worker before the next pool was created; its end is taken at its creation. */
    public boolean endedUnused;

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
    /**
     * The most tasks queued at a sample in whose interval every live worker was busy: work waiting for the pool.
     * Tasks queued beside idle workers wait for those workers to get a CPU (or, scheduled, for their time).
     */
    public long maxQueuedAllBusy;
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
    /** The latest the pool is known to have been at work: a sample that saw a task busy, else the start of the interval in which one completed; null if none was seen. */
    public Instant lastUse;
    /** The earliest the pool is known to have been at work, read like {@link #lastUse}. */
    public Instant firstUse;
    /** Samples that saw the pool at work: a pool per request has its one use (and a client's closing tasks), a reused worker many. */
    public int useSamples;
    /** The sampling intervals in which the pool was seen at work: used once, or again and again. */
    public final UseTimes uses = new UseTimes();

    // what the OS measured for the sampled workers (schedstat, task state); 0 where nothing was sampled
    /** Samples in which the OS counters of at least one worker were read. */
    public int osSamples;
    public int maxSampledThreads;
    /** Sum over samples of the workers in OS state R (on a CPU or in the run queue). */
    public long osRunnableSum;
    public int maxOsRunnable;
    public long osCpuNanos;
    public long runQueueWaitNanos;
    public long involuntarySwitches;
    /** Interval covered by the samples with OS counters. */
    public long osIntervalNanos;

    public long rejections;
    /** Class of the RejectedExecutionHandler the rejections ran, as last recorded; empty when none was. */
    public String rejectionHandler = "";
    public int abruptExits;
    public int threadsStarted;
    public int configChanges;
    /** The name of the first worker thread seen starting (a library's thread factory names its pool). */
    public String workerName = "";

    // the pool's accumulator in the current time bucket (a cache for the model builder)
    long cachedBucket = Long.MIN_VALUE;
    int cachedGeneration = -1;
    PoolTimeline.Acc cachedAcc;

    private PoolKind kindRead;

    public PoolStats(long id) {
        this.id = id;
    }

    /** What kind of pool this is: how wide it is, what its busy count means, how it is sized and ended. */
    public PoolKind kind() {
        PoolKind k = kindRead;
        if (k == null || !k.is(kind)) {
            k = PoolKinds.of(kind);
            kindRead = k;
        }
        return k;
    }

    /** The width by the kind's rule: configured (size, parallelism, loops), else the most threads seen at once. */
    public int width() {
        PoolKind.Width rule = kind().width();
        if (rule == PoolKind.Width.SEEN) {
            return peakSize();
        }
        if (configuredSize > 0 && configuredSize < UNBOUNDED) {
            return configuredSize;
        }
        if (rule == PoolKind.Width.CONFIGURED && parallelism > 0) {
            return parallelism;
        }
        if (maximumPoolSize > 0 && maximumPoolSize < UNBOUNDED) {
            return maximumPoolSize;
        }
        return peakSize();
    }

    /** Sizes from here up mean "no bound" (Integer.MAX_VALUE in a cached thread pool). */
    public static final int UNBOUNDED = 100_000;

    /** True when nothing bounds the pool's threads: its width is then the most threads seen. */
    public boolean unbounded() {
        return kind().width() == PoolKind.Width.BOUNDED_OR_SEEN && (maximumPoolSize >= UNBOUNDED || configuredSize >= UNBOUNDED);
    }

    /**
     * True when busy counts thread states here (families, event loop groups: RUNNABLE includes a socket
     * read or a selector) and the OS read this pool's threads: its busy ones are then the OS's.
     */
    public boolean busyFromOs() {
        return kind().busy() == PoolKind.Busy.THREAD_STATES && osMeasured();
    }

    /** Most workers busy at once, as reports show it: for {@link #busyFromOs()}, the most the OS saw in state R. */
    public int shownPeakBusy() {
        return busyFromOs() ? maxOsRunnable : peakBusy();
    }

    /** Workers busy on average, as reports show it: for {@link #busyFromOs()}, the threads that wanted a CPU. */
    public double shownMeanBusy() {
        return busyFromOs() ? osDemand() : meanBusy();
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

    /** Threads the pool or family made: its starts seen in the recording, or the most alive at once if more (made before it). */
    public int threadsMade() {
        return Math.max(peakSize(), threadsStarted);
    }

    /** CPU share of one busy worker (0..1), NaN when no CPU was measured while busy. */
    public double cpuPerBusyWorker() {
        return busyWorkerNanos <= 0 ? Double.NaN : Math.min(1.0, busyCpuNanos / busyWorkerNanos);
    }

    /** Cores the pool used on average over its samples. */
    public double meanCores() {
        return intervalNanos <= 0 ? Double.NaN : (double) cpuNanos / intervalNanos;
    }

    /** True when the OS counters of this pool's workers were read at least once. */
    public boolean osMeasured() {
        return osSamples > 0;
    }

    /** Share of the workers' runnable time (on a CPU or waiting for one) spent waiting for a CPU; NaN unmeasured. */
    public double waitShare() {
        long runnable = osCpuNanos + runQueueWaitNanos;
        return runnable <= 0 ? Double.NaN : (double) runQueueWaitNanos / runnable;
    }

    /** Threads that wanted a CPU on average (on one or waiting for one), as the OS measured; NaN unmeasured. */
    public double osDemand() {
        return osIntervalNanos <= 0 ? Double.NaN : (double) (osCpuNanos + runQueueWaitNanos) / osIntervalNanos;
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
