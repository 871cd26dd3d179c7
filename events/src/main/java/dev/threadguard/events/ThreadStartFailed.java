package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Thread.start() threw (OutOfMemoryError: unable to create native thread); the error is rethrown unchanged. */
@Name(Schema.THREAD_START_FAILED)
@Label("Thread Start Failed")
@Category(Schema.CATEGORY)
@Description("Thread.start() failed, usually at an OS thread limit; JFR's own error events skip OutOfMemoryError")
@StackTrace(true)
public class ThreadStartFailed extends jdk.jfr.Event {
    @Label("Thread Name")
    public String threadName;
    @Label("Pool Id") @Description("Pool the thread would have been a worker of, 0 if none")
    public long poolId;
    @Label("Creator Pool Id")
    public long creatorPoolId;
    @Label("Live Threads") @Description("Live platform threads the agent counted when the start failed")
    public int liveThreads;
    @Label("OS Threads") @Description("Threads of the process in /proc/self/task, -2 if unknown")
    public int osThreads;
    @Label("Error")
    public String message;
}
