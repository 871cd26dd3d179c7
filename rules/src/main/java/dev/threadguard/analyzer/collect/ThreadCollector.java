package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import dev.threadguard.events.ThreadNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Java threads: their OS ids (to tell native threads apart), which pool or family a thread name belongs
 * to, threads started by pool workers, and the spawn tree by name pattern from jdk.ThreadStart.
 */
final class ThreadCollector implements Collector {
    @Override
    public List<String> events() {
        return List.of(Schema.THREAD_STARTED, Schema.WORKER_EXITED, "jdk.ThreadStart", "jdk.ThreadEnd",
                "jdk.ThreadAllocationStatistics", "jdk.ThreadCPULoad");
    }

    @Override
    public String fills() {
        return "ProcessModel.javaTids, commToPool, threadsStartedBy, jdkSpawn, jdkThreadStarts, startsBeforeCreation, namesBeforeCreation; PoolStats.threadsStarted, workerName";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        switch (e.type()) {
            case Schema.THREAD_STARTED -> started(e, pm);
            case Schema.WORKER_EXITED, "jdk.ThreadCPULoad" -> tid(pm, e, EventView.EVENT_THREAD);
            case "jdk.ThreadStart" -> jdkStart(e, pm);
            default -> tid(pm, e, "thread");
        }
    }

    @Override
    public void finish(ProcessModel pm) {
        pm.startsBeforeCreation.forEach((id, n) -> {
            PoolStats p = pm.pools.get(id);
            if (p != null) {
                p.threadsStarted += n;
            }
        });
        pm.namesBeforeCreation.forEach((id, name) -> {
            PoolStats p = pm.pools.get(id);
            if (p != null && p.workerName.isEmpty()) {
                p.workerName = name;
            }
        });
        pm.startsBeforeCreation.clear();
        pm.namesBeforeCreation.clear();
    }

    private static void started(EventView e, ProcessModel pm) {
        tid(pm, e, Schema.THREAD);
        tid(pm, e, EventView.EVENT_THREAD);
        long poolId = e.getLong(Schema.POOL_ID);
        long familyId = e.getLong(Schema.FAMILY_ID);
        long creator = e.getLong(Schema.CREATOR_POOL_ID);
        long owner = poolId != 0 ? poolId : familyId;
        String name = e.threadName(Schema.THREAD);
        if (name != null) {
            String comm = ThreadNames.comm(name);
            if (pm.commToPool.size() < ProcessModel.MAX_COMMS || pm.commToPool.containsKey(comm)) {
                pm.commToPool.put(comm, owner);
            }
        }
        if (owner != 0) {
            PoolStats p = pm.pools.get(owner);
            if (p != null) {
                p.threadsStarted++;
                if (p.workerName.isEmpty() && name != null) {
                    p.workerName = name; // a library's thread factory names its pools
                }
            } else if (pm.startsBeforeCreation.size() < ProcessModel.MAX_EDGES || pm.startsBeforeCreation.containsKey(owner)) {
                pm.startsBeforeCreation.merge(owner, 1, Integer::sum);
                if (name != null) {
                    pm.namesBeforeCreation.putIfAbsent(owner, name);
                }
            }
        }
        if (creator != 0 && creator != owner) {
            Map<Long, Integer> m = pm.threadsStartedBy.computeIfAbsent(creator, k -> new HashMap<>());
            if (m.size() < ProcessModel.MAX_EDGES || m.containsKey(owner)) {
                m.merge(owner, 1, Integer::sum);
            }
        }
    }

    private static void jdkStart(EventView e, ProcessModel pm) {
        pm.jdkThreadStarts++;
        tid(pm, e, "thread");
        tid(pm, e, "parentThread");
        String n = e.threadName("thread");
        if (n == null) {
            return;
        }
        if (!n.isEmpty() && pm.commToPool.size() < ProcessModel.MAX_COMMS) {
            pm.commToPool.putIfAbsent(ThreadNames.comm(n), 0L);
        }
        String pn = e.threadName("parentThread");
        if (pn != null && !pn.isEmpty() && !ThreadNames.isJvmInternal(n) && !ThreadNames.isJvmInternal(pn)) {
            spawnEdge(pm, ThreadNames.namePattern(pn), ThreadNames.namePattern(n));
        }
    }

    private static void spawnEdge(ProcessModel pm, String parent, String child) {
        Map<String, Integer> m = pm.jdkSpawn.get(parent);
        if (m == null) {
            if (pm.jdkSpawnEdges >= ProcessModel.MAX_EDGES) {
                return;
            }
            m = new HashMap<>();
            pm.jdkSpawn.put(parent, m);
        }
        if (!m.containsKey(child)) {
            if (pm.jdkSpawnEdges >= ProcessModel.MAX_EDGES) {
                return;
            }
            pm.jdkSpawnEdges++;
        }
        m.merge(child, 1, Integer::sum);
    }

    private static void tid(ProcessModel pm, EventView e, String field) {
        long tid = e.threadOsId(field);
        if (tid > 0) {
            pm.javaTids.add(tid);
        }
    }
}
