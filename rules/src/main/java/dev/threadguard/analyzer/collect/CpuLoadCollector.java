package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import java.util.List;

/** The JDK's CPU load: the JVM's and the whole machine's share, over time and in the shared buckets. */
final class CpuLoadCollector implements Collector {
    private final PoolTimeline timeline;

    CpuLoadCollector(PoolTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public List<String> events() {
        return List.of("jdk.CPULoad");
    }

    @Override
    public String fills() {
        return "ProcessModel.cpuLoad, Model.timeline (CPU_LOAD entries)";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        double jvm = e.getDouble("jvmUser") + e.getDouble("jvmSystem");
        double machine = e.getDouble("machineTotal");
        if (machine <= 0) {
            return; // the first sample of a recording has nothing to compare with: all zero
        }
        long t = e.startTime().toEpochMilli();
        pm.cpuLoad.add(t, jvm, machine);
        timeline.addCpuLoad(t, pm.index, jvm, machine);
    }
}
