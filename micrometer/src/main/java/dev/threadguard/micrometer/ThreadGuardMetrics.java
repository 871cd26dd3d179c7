package dev.threadguard.micrometer;

import dev.threadguard.events.live.FindingView;
import dev.threadguard.events.live.LiveData;
import dev.threadguard.events.live.ProcessView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the threadguard agent's pools and threads into a Micrometer registry: every pool the
 * agent sees (ThreadPoolExecutors, ForkJoinPools, the common pool, families of threads started
 * outside any pool), whoever created it, with its size origin; the process's OS threads, run-queue
 * wait, processors and binding thread limit. Binds nothing when the agent does not run in this JVM.
 *
 * <p>In an application's registry the executor meters are named {@code threadguard.executor.*} so
 * that they never clash with Micrometer's own {@code ExecutorServiceMetrics}; the agent's Prometheus
 * endpoint, which has its registry to itself, uses Micrometer's {@code executor.*} names.
 */
public final class ThreadGuardMetrics implements MeterBinder {
    /** Pools beyond this many are folded into one series, {@code pool="(other)"}. */
    public static final int DEFAULT_MAX_POOLS = 100;
    /** A registry scraped more often than this reads the agent once. */
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final String executorPrefix;
    private final int maxPools;
    private final LiveData.Source source;
    private volatile PoolMeters pools;
    private volatile FindingMeters findings;
    private volatile ProcessView process;
    private long lastRefresh;

    /** For an application's registry: {@code threadguard.executor.*}, at most 100 pools. */
    public ThreadGuardMetrics() {
        this("threadguard.", DEFAULT_MAX_POOLS);
    }

    /**
     * @param executorPrefix put before Micrometer's {@code executor.*} names: "" where the registry
     *     is threadguard's own, as in the agent's endpoint
     * @param maxPools pools with their own series; the rest are folded into {@code pool="(other)"}
     */
    public ThreadGuardMetrics(String executorPrefix, int maxPools) {
        this(executorPrefix, maxPools, LiveData.source());
    }

    ThreadGuardMetrics(String executorPrefix, int maxPools, LiveData.Source source) {
        if (maxPools < 1) {
            throw new IllegalArgumentException("maxPools must be at least 1, was " + maxPools);
        }
        this.executorPrefix = executorPrefix;
        this.maxPools = maxPools;
        this.source = source;
    }

    /** True when a threadguard agent runs in this JVM (and so {@link #bindTo} publishes something). */
    public static boolean agentPresent() {
        return LiveData.source() != null;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (source == null || pools != null) {
            return;
        }
        process = source.process();
        pools = new PoolMeters(registry, executorPrefix, maxPools, this::refreshIfStale);
        pools.update(source.pools());
        findings = new FindingMeters(registry);
        updateFindings();
        lastRefresh = System.nanoTime();
        bindProcess(registry);
    }

    /** Reads the agent now: new pools get meters, gone pools lose theirs. The endpoint calls it before each scrape. */
    public synchronized void refresh() {
        if (pools == null) {
            return;
        }
        process = source.process();
        pools.update(source.pools());
        updateFindings();
        lastRefresh = System.nanoTime();
    }

    /** The rules run in the JVM with warn=stderr|meters; their series appear when they first find something. */
    private void updateFindings() {
        List<FindingView> holding = LiveData.findings();
        if (holding != null) {
            findings.update(holding);
        }
    }

    /** In an application's registry nobody calls {@link #refresh}: the first meter a scrape reads does. */
    synchronized void refreshIfStale() {
        if (System.nanoTime() - lastRefresh >= REFRESH_NANOS) {
            refresh();
        }
    }

    private ProcessView current() {
        refreshIfStale();
        return process;
    }

    private void bindProcess(MeterRegistry r) {
        ProcessView p = process;
        threads(r, "java", v -> v.javaThreads);
        threads(r, "os", v -> v.osThreads);
        if (p.nativeThreads >= 0) {
            threads(r, "native", v -> v.nativeThreads);
            threads(r, "jvm", v -> v.jvmInternalThreads);
        }
        if (p.virtualThreads >= 0) {
            threads(r, "virtual", v -> v.virtualThreads);
        }
        if (p.osCpuNanos >= 0) {
            FunctionCounter.builder("threadguard.process.cpu.time", this, m -> seconds(m.current().osCpuNanos))
                .description("CPU time of all the process's OS threads (schedstat)").baseUnit("seconds").register(r);
            FunctionCounter.builder("threadguard.process.run.queue.wait", this, m -> seconds(m.current().runQueueWaitNanos))
                .description("Time the process's threads were ready to run but waited for a CPU (schedstat): the direct measure of oversubscription")
                .baseUnit("seconds").register(r);
        }
        processors(r, "available", v -> v.availableProcessors);
        processors(r, "online", v -> v.onlineCpus);
        processors(r, "cpuset", v -> v.cpusetSize);
        processors(r, "physical.cores", v -> v.physicalCores);
        if (p.cpuQuota > 0) {
            processors(r, "quota", v -> v.cpuQuota);
        }
        if (p.threadLimit > 0) {
            gauge(r, "threadguard.thread.limit", "limit", p.threadLimitName,
                "The lowest limit on this process's threads (RLIMIT_NPROC, cgroup pids.max, threads-max or pid_max)",
                BaseUnits.THREADS, v -> v.threadLimit);
        }
        Gauge.builder("threadguard.pools", this, m -> m.pools.live()).strongReference(true)
            .description("Live pools and thread families the agent sees").register(r);
        Gauge.builder("threadguard.pools.folded", this, m -> m.pools.folded()).strongReference(true)
            .description("Live pools beyond the cap, published together as pool=\"(other)\"").register(r);
    }

    private void threads(MeterRegistry r, String kind, ToDoubleFunction<ProcessView> f) {
        gauge(r, "threadguard.process.threads", "kind", kind, "Threads of this process: java = platform threads the JVM"
            + " knows, virtual = live virtual threads, os = all the OS runs for it: Java, jvm (the JVM's own: GC,"
            + " compilers, VM thread) and native (threads of native libraries: OpenMP, BLAS, ONNX Runtime)",
            BaseUnits.THREADS, f);
    }

    private void processors(MeterRegistry r, String source, ToDoubleFunction<ProcessView> f) {
        gauge(r, "threadguard.processors", "source", source, "Processors: available = Runtime.availableProcessors(),"
            + " online = logical CPUs of the host, cpuset = CPUs the affinity mask allows, physical.cores, quota ="
            + " container CPU quota in cores", null, f);
    }

    private void gauge(MeterRegistry r, String name, String tag, String value, String description, String unit,
                       ToDoubleFunction<ProcessView> f) {
        Gauge.Builder<ThreadGuardMetrics> b = Gauge.builder(name, this, m -> known(f.applyAsDouble(m.current())))
            .tag(tag, value).description(description).strongReference(true);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(r);
    }

    /** -2 (unknown) is no value. */
    private static double known(double v) {
        return v < 0 ? Double.NaN : v;
    }

    static double seconds(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e9;
    }
}
