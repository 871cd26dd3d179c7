package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Pools that ended without ever starting a worker, each before the next pool of the JVM was
 * created, written as one range instead of a PoolShutdown each: a pool per request that is shut
 * down unused pays one event (its PoolCreated) rather than two.
 */
@Name(Schema.POOLS_ENDED_UNUSED)
@Label("Pools Ended Unused")
@Category(Schema.CATEGORY)
@Description("Every pool with an id from First Pool Id to Last Pool Id terminated without ever starting a worker, before the"
    + " next pool was created (so it held no thread); it has no PoolShutdown event. The event spans the first to the last"
    + " of those terminations")
@Period("endChunk")
@StackTrace(false)
public class PoolsEndedUnused extends jdk.jfr.Event {
    @Label("First Pool Id")
    public long firstPoolId;
    @Label("Last Pool Id")
    public long lastPoolId;
    @Label("Pools") @Description("Pools in the range: Last Pool Id - First Pool Id + 1")
    public long pools;
}
