package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One live pool or thread family at one moment; carries its identity so every chunk stands alone. */
@Name(Schema.POOL_SAMPLE)
@Label("Pool Sample")
@Category(Schema.CATEGORY)
@Description("Size, busy and idle workers, queue and CPU of a live pool, event loop group or thread family")
@Period("1 s")
@StackTrace(false)
public class PoolSample extends jdk.jfr.Event {
    @Label("Pool Id")
    public long poolId;
    @Label("Pool Name")
    public String poolName;
    @Label("Kind")
    public String kind;
    @Label("Configured Size") @Description("Maximum pool size, parallelism or event loops; 0 for thread families, which have none")
    public int configuredSize;
    @Label("Pool Size") @Description("Live worker threads")
    public int poolSize;
    @Label("Busy") @Description("Tasks running now: a ThreadPoolExecutor's from beforeExecute until the task is over (a FutureTask's result set, else afterExecute); families and event loop groups: threads in state RUNNABLE, which includes waiting in a selector")
    public int busy;
    @Label("Idle") @Description("Live workers not running a task")
    public int idle;
    @Label("Peak Busy") @Description("Most tasks running at once since the previous sample (counted as Busy is)")
    public int peakBusy;
    @Label("Queued") @Description("Tasks waiting in the pool's queue")
    public long queued;
    @Label("Completed Tasks") @Description("Tasks completed since the pool was created (approximate for ForkJoinPool: steals)")
    public long completedTasks;
    @Label("Largest Pool Size")
    public int largestPoolSize;
    @Label("CPU Time") @Description("CPU time the workers used since the previous sample")
    @Timespan(Timespan.NANOSECONDS)
    public long cpuTime;
    @Label("Interval") @Description("Time since the previous sample of this pool")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;

    // What the OS measured for the workers (Linux /proc/self/task/TID), the truth behind "busy".
    // Every OS field covers the sampled workers only, and is 0 when none was sampled.
    @Label("Sampled Threads")
    @Description("Workers whose OS counters were read for this sample (OS thread id known, within the per-sample cap); the OS fields cover these only")
    public int sampledThreads;
    @Label("OS Runnable")
    @Description("Sampled workers in OS state R at the sample: on a CPU or waiting in the run queue for one (a thread blocked in a socket read is not)")
    public int osRunnable;
    @Label("OS Uninterruptible")
    @Description("Sampled workers in OS state D at the sample: uninterruptible sleep, usually disk I/O")
    public int osUninterruptible;
    @Label("OS CPU Time")
    @Description("On-CPU time of the sampled workers since each one's previous read (schedstat)")
    @Timespan(Timespan.NANOSECONDS)
    public long osCpuTime;
    @Label("Run Queue Wait")
    @Description("Time the sampled workers were ready to run but waited for a CPU, since each one's previous read (schedstat)")
    @Timespan(Timespan.NANOSECONDS)
    public long runQueueWait;
    @Label("Involuntary Switches")
    @Description("Times the OS took the CPU from a sampled worker that still wanted it (nonvoluntary_ctxt_switches), since each one's previous read")
    public long involuntarySwitches;
}
