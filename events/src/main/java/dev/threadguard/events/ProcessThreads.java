package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Thread counts of the whole process, Java and OS. */
@Name(Schema.PROCESS_THREADS)
@Label("Process Threads")
@Category(Schema.CATEGORY)
@Description("Live platform and virtual threads, and the OS threads of the process (which include native library threads)")
@Period("1 s")
@StackTrace(false)
public class ProcessThreads extends jdk.jfr.Event {
    @Label("Platform Threads") @Description("Live platform threads (ThreadMXBean)")
    public int platformThreads;
    @Label("Daemon Threads")
    public int daemonThreads;
    @Label("Peak Platform Threads") @Description("Peak live platform threads since the JVM started")
    public int peakPlatformThreads;
    @Label("Started Threads") @Description("Platform threads started since the JVM started")
    public long startedThreads;
    @Label("Virtual Threads") @Description("Live virtual threads the agent saw start; 0 when not tracked (see Virtual Threads Tracked)")
    public long virtualThreads;
    @Label("Started Virtual Threads") @Description("0 when not tracked")
    public long startedVirtualThreads;
    @Label("Virtual Threads Tracked") @Description("False when this JDK has no virtual threads or their start and end could not both be hooked")
    public boolean virtualThreadsTracked;
    @Label("OS Threads") @Description("Entries of /proc/self/task: Java, JVM-internal and native threads; -2 if unknown")
    public int osThreads;
    @Label("OS Thread CPU Time") @Description("CPU time all OS threads of the process ran since the previous sample (schedstat); -2 if unknown")
    @Timespan(Timespan.NANOSECONDS)
    public long osThreadCpuTime;
    @Label("Run Queue Wait")
    @Description("Time the process's threads were ready to run but waited for a CPU since the previous sample (schedstat): the direct measure of oversubscription; -2 if unknown")
    @Timespan(Timespan.NANOSECONDS)
    public long runQueueWait;
    @Label("Sampled OS Threads")
    @Description("OS threads whose counters were read for this sample: all of them up to a cap, past it a rotating subset whose counters cover the time since each one's previous read")
    public int sampledOsThreads;
    @Label("Mapped OS Threads")
    @Description("Sampled OS threads the agent knows as workers of a pool or thread family")
    public int mappedOsThreads;
    @Label("OS Runnable")
    @Description("Sampled OS threads in state R at the sample: on a CPU or waiting in the run queue for one")
    public int osRunnable;
    @Label("Involuntary Switches")
    @Description("Times the OS took the CPU from a sampled thread that still wanted it (nonvoluntary_ctxt_switches), since each one's previous read")
    public long involuntarySwitches;
    @Label("Sampling CPU Time")
    @Description("CPU time the agent's sampling took since the previous process sample: pool samples, OS thread reads, this event")
    @Timespan(Timespan.NANOSECONDS)
    public long samplingCpuTime;
    @Label("New OS Threads Pending")
    @Description("OS threads the previous sample found new but did not name (names read from /proc are capped per sample, so that thousands of threads starting at once do not make one sample costly): they are in the OS Threads Seen of this sample or a later one")
    public int newOsThreadsPending;
}
