package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A thread pool (or a family of threads started outside any pool) came into being. */
@Name(Schema.POOL_CREATED)
@Label("Pool Created")
@Category(Schema.CATEGORY)
@Description("A ThreadPoolExecutor, ForkJoinPool, Netty event loop group or thread family was created; the stack trace is the creation stack, from the constructor down; replayed events have none")
@StackTrace(true)
public class PoolCreated extends jdk.jfr.Event {
    @Label("Pool Id") @Description("Stable id of the pool within this JVM")
    public long poolId;
    @Label("Pool Name") @Description("Readable name from the creation site, e.g. BatchEnv.<init>:44 fixed(32)")
    public String poolName;
    @Label("Kind") @Description("ThreadPoolExecutor, ScheduledThreadPoolExecutor, ForkJoinPool, CommonPool, EventLoopGroup or ThreadFamily")
    public String kind;
    @Label("Pool Class")
    public String poolClass;
    @Label("Core Pool Size") @Description("0 for thread families")
    public int corePoolSize;
    @Label("Maximum Pool Size") @Description("0 for thread families")
    public int maximumPoolSize;
    @Label("Parallelism") @Description("ForkJoinPool parallelism; for executors the most workers it can reach: the core size with an unbounded queue, else the maximum; event loop groups: their event loops; 0 for thread families")
    public int parallelism;
    @Label("Keep Alive") @Timespan(Timespan.NANOSECONDS)
    public long keepAlive;
    @Label("Queue Type")
    public String queueType;
    @Label("Queue Capacity") @Description("-1 when unbounded")
    public int queueCapacity;
    @Label("Thread Factory") @Description("Class of the thread factory")
    public String threadFactory;
    @Label("Creation Site") @Description("First application frame of the creation stack: Class.method(File.java:line)")
    public String creationSite;
    @Label("Available Processors") @Description("Runtime.availableProcessors() when the pool was created")
    public int availableProcessors;
    @Label("Processor Relation")
    @Description("How the pool's size relates to availableProcessors(): n, n-1, n+1, 2n, n/2, or empty when it does not")
    public String processorRelation;
    @Label("Creator Pool Id") @Description("Pool whose worker thread created this pool, 0 if none")
    public long creatorPoolId;
    @Label("Name Pattern")
    @Description("Thread families: the thread name with its trailing number (the thread's index) replaced by *; other numbers and an owner after ' | ' name the owning instance and are kept")
    public String namePattern;
    @Label("Thread Class") @Description("Thread families: class of the threads")
    public String threadClass;
    @Label("Creation Frames")
    @Description("Replayed events of pools created before the agent's own recording started: the creation stack as text, one frame a line, innermost first (Class.method(File.java:line), JDK frames kept, at most 32); empty otherwise, where the event's stack trace has it")
    public String creationFrames;
    @Label("Replayed") @Description("Described when a recording started, for a pool created before it (or found after its creation); such an event has no stack trace")
    public boolean replayed;

    /**
     * The same event written away from where it happened (described again for a recording that started after the pool was created, or found after its creation): it carries no stack trace rather
     * than the agent's own. A separate class only so that JFR's stack trace setting can differ.
     */
    @Name(Schema.POOL_CREATED)
    @Label("Pool Created")
    @Category(Schema.CATEGORY)
    @Description("described again for a recording that started after the pool was created, or found after its creation; no stack trace")
    @StackTrace(false)
    public static final class Detached extends PoolCreated {
    }
}
