package dev.threadguard.events.live;

/** The process's threads, processors and binding thread limit at one moment; -2 where unknown. */
public final class ProcessView {
    /** Live platform threads Java knows (ThreadMXBean). */
    public final int javaThreads;
    /** Live virtual threads, -2 when the JDK's hooks could not be woven. */
    public final long virtualThreads;
    /** Threads the OS runs for this process (/proc/self/task): Java, JVM-internal and native. */
    public final int osThreads;
    /** OS threads that are neither a Java thread nor one the JVM runs for itself: native libraries' threads; -2 when unknown. */
    public final int nativeThreads;
    /** OS threads the JVM runs for itself (GC, compilers, VM thread, JFR), by name; -2 when unknown. */
    public final int jvmInternalThreads;
    /** CPU time of all OS threads, ns, cumulative (schedstat); -2 when not read. */
    public final long osCpuNanos;
    /** Time all OS threads waited on a run queue for a CPU, ns, cumulative (schedstat); -2 when not read. */
    public final long runQueueWaitNanos;
    public final int availableProcessors;
    public final int onlineCpus;
    public final int physicalCores;
    /** CPUs of the affinity mask. */
    public final int cpusetSize;
    /** Container CPU quota in cores, -1 if none. */
    public final double cpuQuota;
    /** The lowest thread limit that applies: RLIMIT_NPROC, pids.max, threads-max or pid_max; -1 if none is known. */
    public final long threadLimit;
    /** Which limit {@link #threadLimit} is. */
    public final String threadLimitName;

    public ProcessView(int javaThreads, long virtualThreads, int osThreads, int nativeThreads, int jvmInternalThreads,
                long osCpuNanos, long runQueueWaitNanos,
                int availableProcessors, int onlineCpus, int physicalCores, int cpusetSize, double cpuQuota,
                long threadLimit, String threadLimitName) {
        this.javaThreads = javaThreads;
        this.virtualThreads = virtualThreads;
        this.osThreads = osThreads;
        this.nativeThreads = nativeThreads;
        this.jvmInternalThreads = jvmInternalThreads;
        this.osCpuNanos = osCpuNanos;
        this.runQueueWaitNanos = runQueueWaitNanos;
        this.availableProcessors = availableProcessors;
        this.onlineCpus = onlineCpus;
        this.physicalCores = physicalCores;
        this.cpusetSize = cpusetSize;
        this.cpuQuota = cpuQuota;
        this.threadLimit = threadLimit;
        this.threadLimitName = threadLimitName;
    }
}
