package dev.threadguard.micrometer;

import dev.threadguard.events.kinds.PoolKind;
import dev.threadguard.events.kinds.PoolKinds;
import dev.threadguard.events.live.PoolView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The meters of the live pools: each pool gets its series while it lives, up to a cap; a pool
 * that comes later waits in the fold ({@code pool="(other)"}) for its whole life, so no series
 * changes owner. Counters only grow, the fold's too (a folded pool that ends leaves its count in).
 */
final class PoolMeters {
    static final String OTHER = "(other)";

    private final MeterRegistry registry;
    private final String prefix;
    private final int maxPools;
    private final Runnable beforeRead;
    private final Map<Long, Slot> slots = new HashMap<>();
    private final Set<Long> folded = new HashSet<>();
    private final Map<Long, long[]> foldedLast = new HashMap<>();
    private final Slot fold = new Slot(OTHER, OTHER, OTHER, "");
    private long foldRetiredCompleted;
    private long foldRetiredCpu;
    private long foldRetiredWait;
    private int live;

    PoolMeters(MeterRegistry registry, String prefix, int maxPools, Runnable beforeRead) {
        this.registry = registry;
        this.prefix = prefix;
        this.maxPools = maxPools;
        this.beforeRead = beforeRead;
    }

    int live() {
        return live;
    }

    int folded() {
        return folded.size();
    }

    /** Takes a fresh look: updates values, registers meters of new pools, removes those of gone ones. */
    synchronized void update(List<PoolView> views) {
        Map<Long, PoolView> alive = new HashMap<>(views.size() * 2);
        for (PoolView v : views) {
            alive.put(v.id, v);
        }
        for (Iterator<Map.Entry<Long, Slot>> it = slots.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Slot> e = it.next();
            if (!alive.containsKey(e.getKey())) {
                e.getValue().remove(registry);
                it.remove();
            }
        }
        for (Iterator<Map.Entry<Long, long[]>> it = foldedLast.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, long[]> e = it.next();
            if (!alive.containsKey(e.getKey())) {
                foldRetiredCompleted += e.getValue()[0];
                foldRetiredCpu += e.getValue()[1];
                foldRetiredWait += e.getValue()[2];
                folded.remove(e.getKey());
                it.remove();
            }
        }
        Set<String> names = new HashSet<>();
        for (Slot s : slots.values()) {
            names.add(s.pool);
        }
        fold.clear();
        long foldCompleted = foldRetiredCompleted;
        long foldCpu = foldRetiredCpu;
        long foldWait = foldRetiredWait;
        for (PoolView v : views) {
            Slot s = slots.get(v.id);
            if (s == null && !folded.contains(v.id) && slots.size() < maxPools) {
                String pool = names.add(v.name) ? v.name : v.name + " #" + v.id;
                s = new Slot(pool, v.kind, sizeOrigin(v), v.kind);
                slots.put(v.id, s);
                s.set(v);
                register(s);
                continue;
            }
            if (s != null) {
                s.set(v);
                continue;
            }
            folded.add(v.id);
            long wait = Math.max(v.runQueueWaitNanos, 0);
            foldedLast.put(v.id, new long[] {v.completed, v.cpuNanos, wait});
            fold.add(v);
            foldCompleted += v.completed;
            foldCpu += v.cpuNanos;
            foldWait += wait;
        }
        fold.completed = foldCompleted;
        fold.cpuNanos = foldCpu;
        fold.runQueueWaitNanos = foldWait;
        if (!fold.registered() && (!folded.isEmpty() || foldCompleted > 0)) {
            register(fold);
        }
        live = views.size();
    }

    /** How the pool's size came about: from the processor count, configured, or unbounded. */
    static String sizeOrigin(PoolView v) {
        if (v.max < 0) {
            return "unbounded";
        }
        switch (v.processorRelation) {
            case "n": return "processors";
            case "n-1": return "processors-1";
            case "n+1": return "processors+1";
            case "2n": return "2*processors";
            case "n/2": return "processors/2";
            default: return "configured";
        }
    }

    private void register(Slot s) {
        PoolKind kind = PoolKinds.of(s.javaKind);
        boolean family = kind.threadsOnly();
        boolean bounded = !family && s != fold;
        gauge(s, "executor.pool.size", "The current number of threads in the pool", BaseUnits.THREADS, x -> x.size);
        if (bounded) {
            gauge(s, "executor.pool.core", "The core number of threads for the pool (ForkJoinPool: parallelism)",
                BaseUnits.THREADS, x -> x.core);
            gauge(s, "executor.pool.max", "The maximum allowed number of threads in the pool (ForkJoinPool: parallelism)",
                BaseUnits.THREADS, x -> x.max);
        }
        gauge(s, "executor.active", "The approximate number of threads that are actively executing tasks"
            + " (thread families: threads in state RUNNABLE)", BaseUnits.THREADS, x -> x.active);
        if (!family) {
            gauge(s, "executor.queued", "The approximate number of tasks that are queued for execution", BaseUnits.TASKS,
                x -> x.queued);
        }
        if (kind.completedCounts() == PoolKind.Counts.STEALS) {
            counter(s, prefix + "executor.steals", "Estimate of the total number of tasks stolen from one thread's work"
                + " queue by another", BaseUnits.TASKS, x -> x.completed);
        } else if (kind.completedCounts() == PoolKind.Counts.TASKS && s != fold) {
            counter(s, prefix + "executor.completed", "The approximate total number of tasks that have completed execution",
                BaseUnits.TASKS, x -> x.completed);
        }
        gauge(s, "threadguard.executor.idle", "Live workers not running a task", BaseUnits.THREADS, x -> x.idle);
        counter(s, "threadguard.executor.cpu.time", "CPU time the pool's workers used", "seconds",
            x -> ThreadGuardMetrics.seconds(x.cpuNanos));
        counter(s, "threadguard.executor.run.queue.wait", "Time the pool's workers were ready to run but waited for a CPU"
            + " (schedstat): the pool's share of oversubscription", "seconds", x -> ThreadGuardMetrics.seconds(x.runQueueWaitNanos));
    }

    private void gauge(Slot s, String name, String description, String unit, ToDoubleFunction<Slot> f) {
        String fullName = name.startsWith("threadguard.") ? name : prefix + name;
        s.meters.add(Gauge.builder(fullName, s, x -> read(x, f)).tags(s.tags).description(description).baseUnit(unit)
            .strongReference(true).register(registry));
    }

    private void counter(Slot s, String fullName, String description, String unit, ToDoubleFunction<Slot> f) {
        // FunctionCounter holds its object weakly: the slot is held by this class
        s.meters.add(FunctionCounter.builder(fullName, s, x -> read(x, f)).tags(s.tags).description(description)
            .baseUnit(unit).register(registry));
    }

    private double read(Slot s, ToDoubleFunction<Slot> f) {
        beforeRead.run();
        return f.applyAsDouble(s);
    }

    /** One series set: a pool's own, or the fold. */
    static final class Slot {
        final String pool;
        final String javaKind;
        final Tags tags;
        final List<Meter> meters = new ArrayList<>();
        volatile double size;
        volatile double core;
        volatile double max;
        volatile double active;
        volatile double idle;
        volatile double queued;
        volatile long completed;
        volatile long cpuNanos;
        volatile long runQueueWaitNanos;

        Slot(String pool, String kind, String sizeOrigin, String javaKind) {
            this.pool = pool;
            this.javaKind = javaKind;
            this.tags = Tags.of("pool", pool, "kind", kind, "size.origin", sizeOrigin);
        }

        void set(PoolView v) {
            size = v.size;
            core = v.core;
            max = v.max;
            active = v.active;
            idle = v.idle;
            queued = v.queued;
            completed = v.completed;
            cpuNanos = v.cpuNanos;
            runQueueWaitNanos = v.runQueueWaitNanos;
        }

        void clear() {
            size = 0;
            active = 0;
            idle = 0;
            queued = 0;
        }

        void add(PoolView v) {
            size += v.size;
            active += v.active;
            idle += v.idle;
            queued += v.queued;
        }

        boolean registered() {
            return !meters.isEmpty();
        }

        void remove(MeterRegistry r) {
            for (Meter m : meters) {
                r.remove(m);
            }
            meters.clear();
        }
    }
}
