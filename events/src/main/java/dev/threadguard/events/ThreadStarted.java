package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A platform thread was started. Recorded in the starting thread, so the event thread is the parent;
 * the creation stack is in the JDK's own jdk.ThreadStart event.
 */
@Name(Schema.THREAD_STARTED)
@Label("Thread Started")
@Category(Schema.CATEGORY)
@Description("A platform thread was started: the pool or family it belongs to, and the pool whose worker started it")
@StackTrace(false)
public class ThreadStarted extends jdk.jfr.Event {
    @Label("Thread")
    public Thread thread;
    @Label("Pool Id") @Description("Pool the new thread is a worker of, 0 if none")
    public long poolId;
    @Label("Family Id") @Description("Thread family of a thread started outside any pool, 0 for pool workers")
    public long familyId;
    @Label("Creator Pool Id") @Description("Pool whose worker started this thread, 0 if none")
    public long creatorPoolId;
}
