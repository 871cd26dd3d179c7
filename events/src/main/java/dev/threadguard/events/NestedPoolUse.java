package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A worker of one pool or thread family submitted work into another pool: the common pool (parallel
 * stream, CompletableFuture.*Async), another ForkJoinPool, or a ThreadPoolExecutor. Recorded once per
 * pair of pools, on first use: an edge of the spawn tree, not a count of submissions.
 */
@Name(Schema.NESTED_POOL_USE)
@Label("Nested Pool Use")
@Category(Schema.CATEGORY)
@Description("A worker of one pool or thread family submitted work into another pool (ForkJoinPool, common pool or ThreadPoolExecutor); once per pair")
@StackTrace(true)
public class NestedPoolUse extends jdk.jfr.Event {
    @Label("Pool Id") @Description("The pool that received the work")
    public long poolId;
    @Label("Pool Name")
    public String poolName;
    @Label("Caller Pool Id") @Description("The pool or thread family whose worker submitted it")
    public long callerPoolId;
    @Label("Caller Pool Name")
    public String callerPoolName;
    @Label("API") @Description("The method used: ForkJoinTask.fork, ForkJoinPool.submit, ThreadPoolExecutor.execute, ...")
    public String api;
    @Label("Call Site") @Description("First application frame of the submitting stack: Class.method(File.java:line)")
    public String callSite;
    @Label("Replayed") @Description("Described when a recording started, for a use seen before it; such an event has no stack trace")
    public boolean replayed;

    /**
     * The same event written away from where it happened (described again for a recording that started after the use): it carries no stack trace rather
     * than the agent's own. A separate class only so that JFR's stack trace setting can differ.
     */
    @Name(Schema.NESTED_POOL_USE)
    @Label("Nested Pool Use")
    @Category(Schema.CATEGORY)
    @Description("described again for a recording that started after the use; no stack trace")
    @StackTrace(false)
    public static final class Detached extends NestedPoolUse {
    }
}
