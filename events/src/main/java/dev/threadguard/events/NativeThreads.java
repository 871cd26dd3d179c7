package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * OS threads that are no worker of a pool or family the agent knows, grouped by name (comm). A
 * native thread inherits the comm of the thread that created it, so a group names the Java thread
 * (and through it the pool or family) that made its native threads. Written with every process
 * sample. JVM-internal threads (GC, compiler) and Java threads started before the agent are in
 * here too: {@code javaThreads} counts the live Java threads with this name, so at least
 * {@code count - javaThreads} of the group are not Java threads.
 */
@Name(Schema.NATIVE_THREADS)
@Label("Native Threads")
@Category(Schema.CATEGORY)
@Description("OS threads that are no known pool or family worker, by name (comm, inherited from the creating thread): count, the Java threads with that name, and what the OS measured for them")
@StackTrace(false)
public class NativeThreads extends jdk.jfr.Event {
    @Label("Name") @Description("The threads' comm (15 characters): a native thread's is its creator's")
    public String comm;
    @Label("Count") @Description("Live OS threads with this name that the agent does not know as pool or family workers")
    public int count;
    @Label("Java Threads") @Description("Live Java threads, not pool or family workers, whose name starts with this comm (they may be among Count)")
    public int javaThreads;
    @Label("Creator Thread") @Description("The one live Java thread whose name starts with this comm, when there is exactly one: the likely creator")
    public Thread creatorThread;
    @Label("Creator Pool Id") @Description("The pool or family whose workers' names start with this comm, when there is exactly one; 0 if none")
    public long creatorPoolId;
    @Label("OS Thread Ids") @Description("Space-separated ids, at most 256")
    public String osThreadIds;
    @Label("Sampled Threads") @Description("Threads of the group whose OS counters were read for this sample; the OS fields cover these only")
    public int sampledThreads;
    @Label("OS Runnable") @Description("Sampled threads in OS state R: on a CPU or waiting in the run queue for one")
    public int osRunnable;
    @Label("OS CPU Time") @Description("On-CPU time of the sampled threads since each one's previous read (schedstat)")
    @Timespan(Timespan.NANOSECONDS)
    public long osCpuTime;
    @Label("Run Queue Wait") @Description("Time the sampled threads waited for a CPU since each one's previous read (schedstat)")
    @Timespan(Timespan.NANOSECONDS)
    public long runQueueWait;
    @Label("Involuntary Switches") @Description("nonvoluntary_ctxt_switches of the sampled threads since each one's previous read")
    public long involuntarySwitches;
}
