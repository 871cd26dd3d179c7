package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A pool was shut down or terminated. */
@Name(Schema.POOL_SHUTDOWN)
@Label("Pool Shutdown")
@Category(Schema.CATEGORY)
@Description("shutdown() or shutdownNow() was called, or the pool terminated; a pool that has terminated by the time its shutdown() call returns (no worker running, or its idle workers exited within the call) has one event, terminated. No stack trace by default: a pool's one event with a stack is its PoolCreated. A pool that ended unused before the next pool was created has none: its end is in a PoolsEndedUnused range")
@StackTrace(false)
public class PoolShutdown extends jdk.jfr.Event {
    @Label("Pool Id")
    public long poolId;
    @Label("Pool Name")
    public String poolName;
    @Label("Phase") @Description("shutdown, shutdownNow or terminated")
    public String phase;
    @Label("Pool Size") @Description("Worker threads when the event was recorded")
    public int poolSize;
    @Label("Completed Tasks")
    public long completedTasks;

    /**
     * The same event written away from where it happened (noticed at a sample, or described again for a recording that started later): it carries no stack trace rather
     * than the agent's own. A separate class only so that JFR's stack trace setting can differ.
     */
    @Name(Schema.POOL_SHUTDOWN)
    @Label("Pool Shutdown")
    @Category(Schema.CATEGORY)
    @Description("noticed at a sample, or described again for a recording that started later; no stack trace")
    @StackTrace(false)
    public static final class Detached extends PoolShutdown {
    }
}
