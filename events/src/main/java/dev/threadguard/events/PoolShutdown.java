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
@Description("shutdown() or shutdownNow() was called, or the pool terminated")
@StackTrace(true)
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
}
