package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A pool was resized or reconfigured at run time. */
@Name(Schema.POOL_CONFIG_CHANGED)
@Label("Pool Config Changed")
@Category(Schema.CATEGORY)
@Description("setCorePoolSize, setMaximumPoolSize, allowCoreThreadTimeOut or setParallelism was called")
@StackTrace(true)
public class PoolConfigChanged extends jdk.jfr.Event {
    @Label("Pool Id")
    public long poolId;
    @Label("Pool Name")
    public String poolName;
    @Label("Setting") @Description("corePoolSize, maximumPoolSize, allowCoreThreadTimeOut or parallelism")
    public String setting;
    @Label("Old Value")
    public long oldValue;
    @Label("New Value")
    public long newValue;
}
