package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.List;

/** Pool workers that submit into a ForkJoinPool (the common pool): the spawn tree's "feeds" edges. */
final class NestedUseCollector implements Collector {
    @Override
    public List<String> events() {
        return List.of(Schema.NESTED_POOL_USE);
    }

    @Override
    public String fills() {
        return "ProcessModel.nestedUses (one per caller pool and target pool)";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        long caller = e.getLong(Schema.CALLER_POOL_ID);
        long target = e.getLong(Schema.POOL_ID);
        for (ProcessModel.NestedUse u : pm.nestedUses) {
            if (u.callerPoolId() == caller && u.poolId() == target) {
                return;
            }
        }
        if (pm.nestedUses.size() < ProcessModel.MAX_EDGES) {
            pm.nestedUses.add(new ProcessModel.NestedUse(caller, PoolCollector.nz(e.getString(Schema.CALLER_POOL_NAME)),
                    target, PoolCollector.nz(e.getString(Schema.POOL_NAME)), PoolCollector.nz(e.getString(Schema.API)),
                    Frames.site(e.stack())));
        }
    }
}
