package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pools and thread families: identity, configuration, creator, shutdown, rejections, abrupt worker exits. */
final class PoolCollector implements Collector {
    @Override
    public List<String> events() {
        return List.of(Schema.POOL_CREATED, Schema.POOL_CONFIG_CHANGED, Schema.POOL_SHUTDOWN, Schema.POOLS_ENDED_UNUSED,
                Schema.TASK_REJECTED, Schema.WORKER_EXITED);
    }

    @Override
    public String fills() {
        return "ProcessModel.pools (PoolStats creation and configuration fields, shutdown, rejections, abruptExits), "
                + "ProcessModel.createdBy, ProcessModel.foldedBySite";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        String type = e.type();
        if (type.equals(Schema.POOL_CREATED)) {
            created(e, pm);
            return;
        }
        if (type.equals(Schema.POOLS_ENDED_UNUSED)) {
            endedUnused(e, pm);
            return;
        }
        if (type.equals(Schema.WORKER_EXITED) && !e.getBoolean(Schema.COMPLETED_ABRUPTLY)) {
            return;
        }
        PoolStats p = pm.poolFor(e.getLong(Schema.POOL_ID), e.getString(Schema.POOL_NAME), "");
        if (p == null) {
            return;
        }
        switch (type) {
            case Schema.POOL_CONFIG_CHANGED -> {
                p.configChanges++;
                String s = e.getString(Schema.SETTING);
                if ("maximumPoolSize".equals(s) || "parallelism".equals(s)) {
                    p.configuredSize = Math.max(p.configuredSize, (int) e.getLong(Schema.NEW_VALUE));
                }
            }
            case Schema.POOL_SHUTDOWN -> {
                if (p.shutdown == null || e.startTime().isBefore(p.shutdown)) {
                    p.shutdown = e.startTime();
                }
                String phase = e.getString(Schema.PHASE);
                if (p.shutdownPhase.isEmpty() || Schema.PHASE_TERMINATED.equals(phase)) {
                    p.shutdownPhase = phase == null ? "" : phase;
                }
            }
            case Schema.TASK_REJECTED -> {
                p.rejections += Math.max(1, e.getLong(Schema.REJECTIONS));
                String h = e.getString(Schema.HANDLER);
                p.rejectionHandler = h == null ? p.rejectionHandler : h;
            }
            case Schema.WORKER_EXITED -> p.abruptExits++;
            default -> { }
        }
    }

    private static void created(EventView e, ProcessModel pm) {
        long id = e.getLong(Schema.POOL_ID);
        boolean replayed = e.getBoolean(Schema.REPLAYED);
        PoolStats p = pm.poolFor(id, null, null);
        if (p == null && !replayed) {
            // past the cap: counted by site (a replay describes a pool whose creation is not in the recording)
            String site = nz(e.getString(Schema.CREATION_SITE));
            if (site.isEmpty()) {
                EventView.Frame f = Frames.creationFrame(e.stack(), nz(e.getString(Schema.POOL_CLASS)));
                site = f == null ? "" : Frames.full(f);
            }
            pm.foldedCreation(site);
            return;
        }
        if (p == null || (p.createdSeen && (!p.replayed || replayed))) {
            return; // the original creation event wins over replays
        }
        p.createdSeen = true;
        p.replayed = replayed;
        p.name = nz(e.getString(Schema.POOL_NAME));
        p.kind = nz(e.getString(Schema.KIND));
        p.poolClass = nz(e.getString(Schema.POOL_CLASS));
        p.corePoolSize = e.getInt(Schema.CORE_POOL_SIZE);
        p.maximumPoolSize = e.getInt(Schema.MAXIMUM_POOL_SIZE);
        p.parallelism = e.getInt(Schema.PARALLELISM);
        p.queueType = nz(e.getString(Schema.QUEUE_TYPE));
        p.queueCapacity = e.getInt(Schema.QUEUE_CAPACITY);
        p.creationSite = nz(e.getString(Schema.CREATION_SITE));
        p.availableProcessors = e.getInt(Schema.AVAILABLE_PROCESSORS);
        p.processorRelation = nz(e.getString(Schema.PROCESSOR_RELATION));
        p.creatorPoolId = e.getLong(Schema.CREATOR_POOL_ID);
        p.namePattern = nz(e.getString(Schema.NAME_PATTERN));
        p.threadClass = nz(e.getString(Schema.THREAD_CLASS));
        if (p.creationSite.isEmpty() && !replayed) {
            // the agent walks the stack for a bounded number of pools a second; past that the site is in the stack trace
            EventView.Frame site = Frames.creationFrame(e.stack(), p.poolClass);
            if (site != null) {
                p.creationSite = Frames.full(site);
                p.name = Frames.shortSite(site) + (p.name.isEmpty() ? "" : " " + p.name);
            }
        }
        p.created = e.startTime();
        if (p.endedUnused) {
            p.shutdown = p.created;
        }
        if (!replayed) {
            p.creationStack = Frames.stack(e.stack(), 6);
            p.creationFrames = Frames.fullStack(e.stack(), 32);
            p.creatorThread = nz(e.threadName(EventView.EVENT_THREAD));
        } else if (p.creationFrames.isEmpty()) {
            // created before the agent's recording started: the agent kept the stack as text
            String frames = e.getString(Schema.CREATION_FRAMES);
            if (frames != null && !frames.isBlank()) {
                p.creationFrames = List.of(frames.split("\n"));
            }
        }
        if (p.creatorPoolId != 0 && p.creatorPoolId != id) {
            List<Long> kids = pm.createdBy.computeIfAbsent(p.creatorPoolId, k -> new ArrayList<>());
            if (!kids.contains(id) && kids.size() < ProcessModel.MAX_EDGES) {
                kids.add(id);
            }
        }
    }

    /**
     * A range of pools that ended unused, each before the next pool was created: each one's end is
     * taken at its creation (it held no thread, and a newer pool of its site finds it ended). Pools
     * past the model's cap are not described, so not marked.
     */
    private static void endedUnused(EventView e, ProcessModel pm) {
        long first = e.getLong(Schema.FIRST_POOL_ID);
        long last = e.getLong(Schema.LAST_POOL_ID);
        if (first <= 0 || last < first) {
            return;
        }
        Instant at = e.startTime();
        for (PoolStats p : pm.pools.subMap(first, true, last, true).values()) {
            endedUnused(p, at);
        }
        // then the range's pools whose PoolCreated comes later, while the model has room: a damaged
        // range (ids 1 to 2^63) costs at most the cap, never a walk over its ids
        for (long id = first; id <= last && pm.pools.size() < ProcessModel.MAX_POOLS; id++) {
            if (!pm.pools.containsKey(id)) {
                endedUnused(pm.poolFor(id, null, null), at);
            }
            if (id == Long.MAX_VALUE) {
                break;
            }
        }
    }

    private static void endedUnused(PoolStats p, Instant rangeTime) {
        p.endedUnused = true;
        p.shutdownPhase = Schema.PHASE_TERMINATED;
        Instant at = p.created != null ? p.created : rangeTime;
        if (p.shutdown == null || at.isBefore(p.shutdown)) {
            p.shutdown = at;
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
