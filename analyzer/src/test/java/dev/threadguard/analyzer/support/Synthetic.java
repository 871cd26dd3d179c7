package dev.threadguard.analyzer.support;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.time.Instant;

/** Builds models by hand for unit tests of the rules (no recording involved). */
public final class Synthetic {
    public final Model model = new Model();
    private long nextId = 100;
    public static final long T0 = 1_700_000_000_000L;

    public ProcessModel process(int processors) {
        ProcessModel pm = new ProcessModel(model.processes.size(), "p" + model.processes.size() + ".jfr");
        pm.host.fromAgent = true;
        pm.host.availableProcessors = processors;
        pm.host.onlineCpus = processors;
        pm.host.cpusetSize = processors;
        pm.host.cpuQuota = -1;
        pm.host.activeProcessorCount = -1;
        pm.host.nprocSoft = -1;
        pm.host.pidsMax = -1;
        pm.host.threadsMax = 100_000;
        pm.host.pidMax = 4_000_000;
        pm.threadguardEvents = 1;
        pm.start = Instant.ofEpochMilli(T0);
        pm.end = Instant.ofEpochMilli(T0 + 10_000);
        model.processes.add(pm);
        return pm;
    }

    public PoolStats pool(ProcessModel pm, String name, String site, int size, String relation) {
        PoolStats p = new PoolStats(nextId++);
        p.process = pm.index;
        p.name = name;
        p.kind = Schema.KIND_TPE;
        p.creationSite = site;
        p.corePoolSize = size;
        p.maximumPoolSize = size;
        p.parallelism = size;
        p.configuredSize = size;
        p.processorRelation = relation;
        p.availableProcessors = pm.host.availableProcessors;
        p.createdSeen = true;
        p.replayed = false;
        p.created = Instant.ofEpochMilli(T0);
        pm.pools.put(p.id, p);
        return p;
    }

    /**
     * Adds {@code seconds} one-second samples: {@code busy} busy workers, {@code size} live, {@code queued}
     * waiting, each busy worker using {@code cpuPerBusy} of a core.
     */
    public void samples(PoolStats p, int seconds, int busy, int size, long queued, double cpuPerBusy) {
        samples(p, 0, seconds, busy, size, queued, cpuPerBusy);
    }

    public void samples(PoolStats p, int fromSecond, int seconds, int busy, int size, long queued, double cpuPerBusy) {
        long interval = 1_000_000_000L;
        for (int s = fromSecond; s < fromSecond + seconds; s++) {
            long cpu = (long) (busy * cpuPerBusy * interval);
            model.timeline.add(T0 + s * 1000L + 100, p.process, p.id, busy, busy, size, p.configuredSize, queued, cpu,
                    interval);
            model.timeline.addInstant(model.timeline.acc(T0 + s * 1000L + 100, p.process, p.id), s, Math.max(size, busy),
                    busy, busy);
            p.samples++;
            p.busySum += busy;
            p.maxBusy = Math.max(p.maxBusy, busy);
            p.maxPeakBusy = Math.max(p.maxPeakBusy, busy);
            p.sizeSum += size;
            p.maxPoolSize = Math.max(p.maxPoolSize, size);
            p.maxQueued = Math.max(p.maxQueued, queued);
            if (size > 0 && busy >= size) {
                p.maxQueuedAllBusy = Math.max(p.maxQueuedAllBusy, queued);
            }
            p.cpuNanos += cpu;
            p.intervalNanos += interval;
            if (busy > 0) {
                p.busyCpuNanos += cpu;
                p.busyWorkerNanos += (double) busy * interval;
            }
        }
    }

    /**
     * One PoolSample as the collector adds it: at {@code epochMillis}, in sampling round {@code round},
     * {@code busy} workers running a task then, {@code peakBusy} at most since the last sample, {@code size} alive.
     */
    public void sample(PoolStats p, long epochMillis, int round, int busy, int peakBusy, int size) {
        PoolTimeline.Acc acc = model.timeline.acc(epochMillis, p.process, p.id);
        acc.add(busy, peakBusy, size, p.configuredSize, 0, 0, 250_000_000L);
        model.timeline.addInstant(acc, round, Math.max(size, busy), busy, peakBusy);
        p.samples++;
        p.maxBusy = Math.max(p.maxBusy, busy);
        p.maxPeakBusy = Math.max(p.maxPeakBusy, peakBusy);
        p.maxPoolSize = Math.max(p.maxPoolSize, size);
    }

    /**
     * What the OS measured for the pool's workers over {@code seconds} one-second samples from
     * {@code fromSecond}: {@code wanting} threads wanted a CPU on average and got {@code cores} of CPU time,
     * so they waited (wanting - cores) thread-seconds per second in the run queue.
     */
    public void os(PoolStats p, int fromSecond, int seconds, double wanting, double cores) {
        long interval = 1_000_000_000L;
        for (int s = fromSecond; s < fromSecond + seconds; s++) {
            long cpu = (long) (cores * interval);
            long wait = (long) (Math.max(0, wanting - cores) * interval);
            int runnable = (int) Math.round(wanting);
            model.timeline.acc(T0 + s * 1000L + 100, p.process, p.id)
                    .addOs(Math.max(1, Math.max(p.maxPoolSize, p.configuredSize)), runnable, cpu, wait, interval);
            p.osSamples++;
            p.maxSampledThreads = Math.max(p.maxSampledThreads, Math.max(1, p.maxPoolSize));
            p.osRunnableSum += runnable;
            p.maxOsRunnable = Math.max(p.maxOsRunnable, runnable);
            p.osCpuNanos += cpu;
            p.runQueueWaitNanos += wait;
            p.osIntervalNanos += interval;
        }
    }

    /**
     * What the OS measured for the whole process over {@code seconds} one-second samples from {@code fromSecond}:
     * its JIT compiler threads used {@code jitCores}, all its threads {@code processCores} (NativeThreads, ProcessThreads).
     */
    public void jvm(ProcessModel pm, int fromSecond, int seconds, double jitCores, double processCores) {
        for (int s = fromSecond; s < fromSecond + seconds; s++) {
            model.timeline.addProcessCpu(T0 + s * 1000L + 100, pm.index, PoolTimeline.JIT, (long) (jitCores * 1e9));
            model.timeline.addProcessCpu(T0 + s * 1000L + 100, pm.index, PoolTimeline.PROCESS_CPU, (long) (processCores * 1e9));
        }
    }

    /** jdk.CPULoad over {@code seconds} seconds from {@code fromSecond}: the JVM's and the machine's share of it. */
    public void cpuLoad(ProcessModel pm, int fromSecond, int seconds, double jvm, double machine) {
        for (int s = fromSecond; s < fromSecond + seconds; s++) {
            model.timeline.addCpuLoad(T0 + s * 1000L + 200, pm.index, jvm, machine);
        }
    }
}
