package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A ThreadPoolExecutor worker left its pool (idle timeout, shrink, shutdown or a task's exception). */
@Name(Schema.WORKER_EXITED)
@Label("Worker Exited")
@Category(Schema.CATEGORY)
@Description("A ThreadPoolExecutor worker thread exited; recorded in the exiting worker")
@StackTrace(false)
public class WorkerExited extends jdk.jfr.Event {
    @Label("Pool Id")
    public long poolId;
    @Label("Pool Name")
    public String poolName;
    @Label("Completed Abruptly") @Description("The worker died from a task's exception")
    public boolean completedAbruptly;
    @Label("Pool Size") @Description("Workers left after this one")
    public int poolSize;
}
