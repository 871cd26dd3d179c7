package dev.threadguard.events.kinds;

/**
 * One kind of pool, as the agent reads a live one and the analyzer judges a recorded one. A new kind
 * is one subclass in this package and its line in {@link PoolKinds#ALL}: the agent's sampler, the
 * metrics and the analyzer's rules and reports ask the kind, never the pool's class.
 *
 * <p>Runs in the bootstrap class loader inside JDK hooks: no lambdas, no string switches on hot paths.
 */
public abstract class PoolKind {

    /** How wide a pool of this kind is. */
    public enum Width {
        /** Fixed by its configuration (parallelism, the number of event loops): never unbounded. */
        CONFIGURED,
        /** Its maximum, unless nothing bounds it (a cached thread pool): then the most threads seen at once. */
        BOUNDED_OR_SEEN,
        /** Nothing configures it: the most threads seen at once. */
        SEEN
    }

    /** What PoolSample.busy counts for this kind. */
    public enum Busy {
        /** Workers from a task's start to its end, counted by the pool's own hooks. */
        TASKS,
        /** The pool's own estimate at sample time (ForkJoinPool.getActiveThreadCount). */
        POOL_ESTIMATE,
        /**
         * Threads Java calls RUNNABLE at sample time: an upper bound (a thread in a socket read or a
         * selector is RUNNABLE); the OS's count of threads on or waiting for a CPU is the measure.
         */
        THREAD_STATES
    }

    /** What {@link #completed(Object)} counts: a meter is named for it. */
    public enum Counts {
        /** Tasks that ran to their end. */
        TASKS,
        /** Tasks one worker took from another's queue (ForkJoinPool's estimate). */
        STEALS,
        /** Nothing: the kind does not count its work (a family, an event loop group). */
        NOTHING
    }

    private final String id;
    private final String shortName;
    private final String noun;
    private final Width width;
    private final Busy busy;

    protected PoolKind(String id, String shortName, String noun, Width width, Busy busy) {
        this.id = id;
        this.shortName = shortName;
        this.noun = noun;
        this.width = width;
        this.busy = busy;
    }

    /** As written in PoolCreated.kind and PoolSample.kind. */
    public final String id() {
        return id;
    }

    /** The kind in a word or two, for a table column. */
    public final String shortName() {
        return shortName;
    }

    /** What a finding calls one: "pool", "thread family", "event loop group". */
    public final String noun() {
        return noun;
    }

    public final Width width() {
        return width;
    }

    public final Busy busy() {
        return busy;
    }

    /** True when this id names this kind (older recordings may use another spelling). */
    public boolean is(String kindId) {
        return id.equals(kindId);
    }

    /**
     * Threads the agent grouped itself, with no pool object behind them (a family): no creation call
     * of their own, so whoever starts their threads is their creator.
     */
    public boolean threadsOnly() {
        return false;
    }

    /** What its threads are called in a finding: "workers", "threads", "event loops". */
    public String workers() {
        return "workers";
    }

    /**
     * A work-stealing pool fed with split work (fork/join, parallel streams, *Async): its caller can
     * run the same work sequentially, which is the fix when it is nested in another pool.
     */
    public boolean splitsTasks() {
        return false;
    }

    /** The JVM's own pool (the common pool): the application neither creates it nor, in code, sizes it. */
    public boolean jvmOwned() {
        return false;
    }

    /** How the size of every pool of this kind follows the processors ("n-1"), "" when the pool's own record says. */
    public String defaultRelation() {
        return "";
    }

    /** The call that ends such a pool, for advice; "" when nothing ends it but its threads' own end. */
    public String shutdownCall() {
        return "shutdown()";
    }

    /**
     * True when idle workers wait for I/O by design (an event loop in its selector): an unused one costs
     * a thread and no CPU, so the kind is judged too wide only on what the OS measured its threads
     * waiting for a CPU, never on idle workers alone.
     */
    public boolean idleWaitsForIo() {
        return false;
    }

    /** The call that creates such a pool with {@code size} workers, for advice; "" when no call sizes it. */
    public abstract String constructor(String poolClass, int core, int max, int size);

    // ---- the agent's reading of a live pool of this kind (the pool object, never null) ---------

    /** The most workers the pool can have now; 0 where nothing configures it. */
    public int configuredSize(Object pool) {
        return 0;
    }

    /** Live workers as the pool counts them; -1 where only the agent's own count of its threads knows. */
    public int poolSize(Object pool) {
        return -1;
    }

    /** What {@link #completed(Object)} counts. */
    public Counts completedCounts() {
        return Counts.NOTHING;
    }

    /** Tasks completed (steals for a ForkJoinPool); 0 where the pool does not count them. */
    public long completed(Object pool) {
        return 0;
    }

    /** Tasks waiting for a worker; 0 where the kind cannot tell without waiting. */
    public long queued(Object pool) {
        return 0;
    }

    /** Shut down and every worker gone. */
    public boolean terminated(Object pool) {
        return false;
    }

    /** The simple name of a class, for advice ("NioEventLoopGroup"). */
    static String simpleName(String className) {
        String s = className == null ? "" : className.substring(className.lastIndexOf('.') + 1);
        return s.indexOf('$') >= 0 ? "" : s;
    }

    @Override
    public String toString() {
        return id;
    }
}
