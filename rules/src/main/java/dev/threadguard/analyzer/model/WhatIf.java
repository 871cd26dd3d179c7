package dev.threadguard.analyzer.model;

import dev.threadguard.events.ProcessorRelation;
import dev.threadguard.events.kinds.PoolKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report --cores N}: the recorded model projected onto a machine with N processors. Every pool
 * whose size follows availableProcessors() (the recorded relation n, 2n, n-1, n+1, n/2; a logical pool
 * of one-thread executors too) gets the size that relation gives on N; the common pool gets N - 1; the
 * host has N processors. Task-driven demand (busy workers, queue, CPU use, measured wait) stays as
 * measured: the rules then say what the bigger machine will do with the same work.
 */
public final class WhatIf {
    private WhatIf() {}

    /** One pool that changes size, and why. */
    public record Change(int process, String pool, String site, int from, int to, String relation) {}

    public static List<Change> apply(Model model, int processors) {
        List<Change> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            pm.whatIfProcessors = processors;
            for (LogicalPools.Group g : LogicalPools.of(pm)) {
                if (g.logical() && !g.processorRelation().isEmpty()) {
                    PoolStats p = g.first();
                    out.add(new Change(pm.index, g.members().size() + " x " + p.label(), p.creationSite,
                            g.members().size(), g.width(), g.processorRelation()));
                    for (PoolStats m : g.members()) {
                        m.recordedProcessors = m.availableProcessors;
                        m.availableProcessors = processors;
                    }
                }
            }
            for (PoolStats p : pm.pools.values()) {
                int from = p.width();
                String rel = p.kind().defaultRelation().isEmpty() ? p.processorRelation : p.kind().defaultRelation();
                int to = ProcessorRelation.size(rel, processors);
                if (p.recordedProcessors > 0 || to <= 0 || p.kind().width() == PoolKind.Width.SEEN || from <= 0) {
                    continue; // projected above as part of a logical pool, or its size does not follow the processors
                }
                p.recordedProcessors = p.availableProcessors;
                p.availableProcessors = processors;
                p.recordedWidth = from;
                p.configuredSize = to;
                p.parallelism = p.parallelism == from ? to : p.parallelism;
                p.maximumPoolSize = p.maximumPoolSize == from ? to : p.maximumPoolSize;
                p.corePoolSize = p.corePoolSize == from ? to : p.corePoolSize;
                if (from != to) {
                    out.add(new Change(pm.index, p.label(), p.creationSite, from, to, rel));
                }
            }
            HostFacts h = pm.host;
            h.availableProcessors = processors;
            h.onlineCpus = processors;
            h.cpusetSize = processors;
            h.cpusetCpus = "";
            h.cpuQuota = -1;
            h.activeProcessorCount = -1;
            h.commonPoolParallelism = Math.max(1, processors - 1);
        }
        return out;
    }
}
