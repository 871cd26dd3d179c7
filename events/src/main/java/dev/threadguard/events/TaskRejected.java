package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Tasks were rejected; rejections in a burst are coalesced into one event. */
@Name(Schema.TASK_REJECTED)
@Label("Task Rejected")
@Category(Schema.CATEGORY)
@Description("The pool's RejectedExecutionHandler was invoked; 'Rejections' counts those since the previous event for this pool")
@StackTrace(true)
public class TaskRejected extends jdk.jfr.Event {
    @Label("Pool Id")
    public long poolId;
    @Label("Pool Name")
    public String poolName;
    @Label("Rejections")
    public long rejections;
    @Label("Pool Size")
    public int poolSize;
    @Label("Maximum Pool Size")
    public int maximumPoolSize;
    @Label("Queued")
    public long queued;
    @Label("Handler") @Description("Class of the RejectedExecutionHandler")
    public String handler;

    /**
     * The same event written away from where it happened (rejections of a burst counted after the burst, flushed at a sample): it carries no stack trace rather
     * than the agent's own. A separate class only so that JFR's stack trace setting can differ.
     */
    @Name(Schema.TASK_REJECTED)
    @Label("Task Rejected")
    @Category(Schema.CATEGORY)
    @Description("rejections of a burst counted after the burst, flushed at a sample; no stack trace")
    @StackTrace(false)
    public static final class Detached extends TaskRejected {
    }
}
