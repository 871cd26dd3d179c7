package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * OS threads of the process, grouped by their name (comm). Written for every thread at the start and
 * end of a chunk (census) and afterwards for threads that appeared since the previous sample.
 * Matching the ids against the OS thread ids of JFR's Java threads tells native threads apart.
 */
@Name(Schema.OS_THREADS_SEEN)
@Label("OS Threads Seen")
@Category(Schema.CATEGORY)
@Description("OS threads of the process with one name (comm, 15 characters): their count and OS thread ids")
@StackTrace(false)
public class OsThreadsSeen extends jdk.jfr.Event {
    @Label("Name") @Description("The thread's comm; native threads inherit their creator's")
    public String comm;
    @Label("Count")
    public int count;
    @Label("OS Thread Ids") @Description("Space-separated ids, at most 256")
    public String osThreadIds;
    @Label("Census") @Description("True for a full census (start and end of a chunk), false for threads new since the previous sample")
    public boolean census;
}
