package dev.threadguard.analyzer.model;

import java.util.ArrayList;
import java.util.List;

/** The result of reading one or more recordings: one {@link ProcessModel} each, and common pool time buckets. */
public final class Model {
    public final List<ProcessModel> processes = new ArrayList<>();
    public final PoolTimeline timeline = new PoolTimeline(1000);
    public final List<String> warnings = new ArrayList<>();
    /** Files given that could not be read at all (lenient reading: each has its warning). */
    public final List<java.nio.file.Path> unreadable = new ArrayList<>();
    /** Host censuses of the run (threadguard run records them beside the recordings), oldest first. */
    public final List<dev.threadguard.analyzer.host.HostSnapshot> census = new ArrayList<>();

    public boolean hasAgent() {
        return processes.stream().anyMatch(ProcessModel::hasAgent);
    }

    public boolean multiProcess() {
        return processes.size() > 1;
    }

    /** The processors the recordings compete for: the host's for several processes, else the process's. */
    public int processors() {
        int p = -2;
        for (ProcessModel pm : processes) {
            int v = multiProcess() ? pm.host.hostProcessors() : pm.host.effectiveProcessors();
            if (v > 0) {
                p = p > 0 ? Math.min(p, v) : v;
            }
        }
        return p;
    }

    public ProcessModel process(int index) {
        return processes.get(index);
    }

    /** All pools of all processes. */
    public List<PoolStats> pools() {
        List<PoolStats> out = new ArrayList<>();
        for (ProcessModel pm : processes) {
            out.addAll(pm.pools.values());
        }
        return out;
    }
}
