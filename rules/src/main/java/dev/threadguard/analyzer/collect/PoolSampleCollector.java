package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.model.UseTimes;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pool samples, the high-volume event: per pool totals and peaks, and the shared time buckets that add
 * busy workers of all pools and processes up per second.
 */
final class PoolSampleCollector implements Collector {
    private final PoolTimeline timeline;
    /** The pool's accumulator in its current time bucket, so a sample costs one map lookup. */
    private final Map<Long, Slot> slots = new HashMap<>();

    private static final class Slot {
        final PoolStats pool;
        long bucket = Long.MIN_VALUE;
        int generation = -1;
        PoolTimeline.Acc acc;

        Slot(PoolStats pool) {
            this.pool = pool;
        }
    }

    /** Per process: the current sampling round, its first sample's time, and how many rounds began. */
    private final Map<Integer, long[]> rounds = new HashMap<>();

    /**
     * The sampling round a sample belongs to: the agent samples every pool in one pass, so samples
     * closer than half their period (at most 50 ms) to the pass's first one are the same instant.
     */
    private int round(ProcessModel pm, long ms, long intervalNanos) {
        long[] r = rounds.computeIfAbsent(pm.index, k -> new long[] {Long.MIN_VALUE, -1});
        long gap = intervalNanos > 0 ? Math.min(50, intervalNanos / 2_000_000) : 50;
        if (r[1] < 0 || ms - r[0] > gap || ms < r[0]) {
            r[0] = ms;
            r[1]++;
        }
        return (int) r[1];
    }

    PoolSampleCollector(PoolTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public List<String> events() {
        return List.of(Schema.POOL_SAMPLE);
    }

    @Override
    public String fills() {
        return "PoolStats sample totals and peaks (samples, busy, size, queue, CPU, OS run-queue wait), Model.timeline";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        long id = e.getLong(Schema.POOL_ID);
        int busy = e.getInt(Schema.BUSY);
        int peakBusy = e.getInt(Schema.PEAK_BUSY);
        int size = e.getInt(Schema.POOL_SIZE);
        int configured = e.getInt(Schema.CONFIGURED_SIZE);
        long queued = e.getLong(Schema.QUEUED);
        long cpu = e.getLong(Schema.CPU_TIME);
        long interval = e.getLong(Schema.INTERVAL);
        Instant t = e.startTime();
        long ms = t.toEpochMilli();
        Slot slot = slots.get(id);
        if (slot == null || (!slot.pool.createdSeen && slot.pool.name.isEmpty())) {
            // strings only when needed
            PoolStats p = pm.poolFor(id, e.getString(Schema.POOL_NAME), e.getString(Schema.KIND));
            if (p == null) {
                timeline.add(ms, pm.index, PoolTimeline.OTHER_POOLS, busy, peakBusy, size, configured, queued, cpu,
                        interval);
                timeline.addInstant(timeline.acc(ms, pm.index, PoolTimeline.OTHER_POOLS), round(pm, ms, interval),
                        Math.max(size, busy), busy, peakBusy);
                return;
            }
            if (slot == null) {
                slot = new Slot(p);
                slots.put(id, slot);
            }
        }
        PoolStats p = slot.pool;
        long bucket = timeline.bucketOf(ms);
        if (slot.bucket != bucket || slot.generation != timeline.generation()) {
            slot.acc = timeline.acc(ms, pm.index, id);
            slot.bucket = bucket;
            slot.generation = timeline.generation();
        }
        slot.acc.add(busy, peakBusy, size, configured, queued, cpu, interval);
        // a worker running a task is alive even when the size was read a moment before it started
        timeline.addInstant(slot.acc, round(pm, ms, interval), Math.max(size, busy), busy, peakBusy);
        timeline.afterAdd();
        p.samples++;
        if (busy > 0 || queued > 0) {
            p.activeSamples++;
        }
        p.busySum += busy;
        p.maxBusy = Math.max(p.maxBusy, busy);
        p.maxPeakBusy = Math.max(p.maxPeakBusy, peakBusy);
        p.sizeSum += size;
        p.maxPoolSize = Math.max(p.maxPoolSize, size);
        if (configured > 0) {
            p.configuredSize = Math.max(p.configuredSize, configured);
        }
        p.maxQueued = Math.max(p.maxQueued, queued);
        if (size > 0 && Math.max(busy, peakBusy) >= size) {
            p.maxQueuedAllBusy = Math.max(p.maxQueuedAllBusy, queued);
        }
        if (queued > 0 && queued >= Math.max(1, size)) {
            p.samplesQueuedAtLeastWorkers++;
        }
        long completed = e.getLong(Schema.COMPLETED_TASKS);
        if (busy > 0) {
            used(p, t);
        } else if (peakBusy > 0 || completed > p.completedTasks) {
            // done between the previous sample and this one: the earliest it can have been is what counts
            if (interval > 0) {
                used(p, t.minusNanos(interval));
            } else if (p.created != null) {
                used(p, p.created);
            }
        }
        if (busy > 0 || peakBusy > 0 || queued > 0 || completed > p.completedTasks) {
            long to = t.toEpochMilli();
            // a pool's first sample has no interval: at work since it was made (its PoolCreated may come later)
            p.uses.add(interval > 0 ? to - interval / 1_000_000 : UseTimes.SINCE_CREATED, to);
        }
        p.completedTasks = Math.max(p.completedTasks, completed);
        p.largestPoolSize = Math.max(p.largestPoolSize, e.getInt(Schema.LARGEST_POOL_SIZE));
        if (cpu >= 0 && interval > 0) {
            p.cpuNanos += cpu;
            p.intervalNanos += interval;
            if (busy > 0) {
                p.busyCpuNanos += cpu;
                p.busyWorkerNanos += (double) busy * interval;
            }
        }
        if (e.has(Schema.SAMPLED_THREADS)) {
            os(e, p, slot.acc, interval);
        }
        if (p.firstSample == null || t.isBefore(p.firstSample)) {
            p.firstSample = t;
        }
        if (p.lastSample == null || t.isAfter(p.lastSample)) {
            p.lastSample = t;
        }
    }

    private static void used(PoolStats p, Instant when) {
        p.useSamples++;
        if (p.lastUse == null || when.isAfter(p.lastUse)) {
            p.lastUse = when;
        }
        if (p.firstUse == null || when.isBefore(p.firstUse)) {
            p.firstUse = when;
        }
    }

    /** What the OS measured for the sampled workers; absent in recordings of older agents. */
    private static void os(EventView e, PoolStats p, PoolTimeline.Acc acc, long interval) {
        int sampled = e.getInt(Schema.SAMPLED_THREADS);
        if (sampled <= 0 || interval <= 0) {
            return;
        }
        int runnable = e.getInt(Schema.OS_RUNNABLE);
        long cpu = e.getLong(Schema.OS_CPU_TIME);
        long wait = e.getLong(Schema.RUN_QUEUE_WAIT);
        p.osSamples++;
        p.maxSampledThreads = Math.max(p.maxSampledThreads, sampled);
        p.osRunnableSum += runnable;
        p.maxOsRunnable = Math.max(p.maxOsRunnable, runnable);
        p.osCpuNanos += Math.max(0, cpu);
        p.runQueueWaitNanos += Math.max(0, wait);
        p.involuntarySwitches += Math.max(0, e.getLong(Schema.INVOLUNTARY_SWITCHES));
        p.osIntervalNanos += interval;
        acc.addOs(sampled, runnable, cpu, wait, interval);
    }

    @Override
    public void finish(ProcessModel pm) {
        slots.clear();
        rounds.remove(pm.index);
    }
}
