package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.Model;
import java.util.List;

/** The collectors that build threadguard's model, in the order they finish. */
public final class Collectors {
    private Collectors() {}

    public static List<Collector> standard(Model model) {
        return List.of(new PoolCollector(), new PoolSampleCollector(model.timeline), new ThreadCollector(),
                new NestedUseCollector(), new ThreadCountCollector(), new OsCensusCollector(), new HostCollector(),
                new CpuLoadCollector(model.timeline), new JitCollector(model.timeline), new CodeSourceCollector());
    }
}
