package dev.threadguard.analyzer.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collectors behind the narrow {@link EventView}: fed from a source that is not JFR (as the JMC
 * module feeds them JMC's items), they build the same model parts; dispatch counts types and contains
 * an unreadable event.
 */
class DispatchTest {
    /** An event source made of maps: the smallest other implementation of the interface. */
    record MapEvent(String type, Instant startTime, Map<String, Object> fields) implements EventView {
        private Object value(String f) {
            if (!fields.containsKey(f)) {
                throw new IllegalArgumentException("no field " + f);
            }
            return fields.get(f);
        }

        @Override
        public boolean has(String field) {
            return fields.containsKey(field);
        }

        @Override
        public long getLong(String field) {
            return ((Number) value(field)).longValue();
        }

        @Override
        public double getDouble(String field) {
            return ((Number) value(field)).doubleValue();
        }

        @Override
        public boolean getBoolean(String field) {
            return (Boolean) value(field);
        }

        @Override
        public String getString(String field) {
            return (String) value(field);
        }

        @Override
        public String threadName(String field) {
            return (String) fields.get(field);
        }

        @Override
        public long threadOsId(String field) {
            return fields.get(field + ".tid") instanceof Number n ? n.longValue() : -1;
        }

        @Override
        public List<Frame> stack() {
            return List.of(new Frame("java.util.concurrent.Executors", "newFixedThreadPool", 1, true),
                    new Frame("com.acme.Batch", "start", 44, true));
        }
    }

    private static Map<String, Object> created(long id, int size) {
        Map<String, Object> m = new HashMap<>();
        m.put(Schema.POOL_ID, id);
        m.put(Schema.REPLAYED, false);
        m.put(Schema.POOL_NAME, "Batch.start:44 fixed(" + size + ")");
        m.put(Schema.KIND, Schema.KIND_TPE);
        m.put(Schema.POOL_CLASS, "java.util.concurrent.ThreadPoolExecutor");
        m.put(Schema.CORE_POOL_SIZE, size);
        m.put(Schema.MAXIMUM_POOL_SIZE, size);
        m.put(Schema.PARALLELISM, size);
        m.put(Schema.QUEUE_TYPE, "LinkedBlockingQueue");
        m.put(Schema.QUEUE_CAPACITY, -1);
        m.put(Schema.CREATION_SITE, "Batch.start(Batch.java:44)");
        m.put(Schema.AVAILABLE_PROCESSORS, size);
        m.put(Schema.PROCESSOR_RELATION, "n");
        m.put(Schema.CREATOR_POOL_ID, 0L);
        m.put(Schema.NAME_PATTERN, "");
        m.put(Schema.THREAD_CLASS, "");
        return m;
    }

    private static Map<String, Object> sample(long id, int busy, int size) {
        Map<String, Object> m = new HashMap<>();
        m.put(Schema.POOL_ID, id);
        m.put(Schema.POOL_NAME, "Batch.start:44 fixed(" + size + ")");
        m.put(Schema.KIND, Schema.KIND_TPE);
        m.put(Schema.BUSY, busy);
        m.put(Schema.PEAK_BUSY, busy);
        m.put(Schema.POOL_SIZE, size);
        m.put(Schema.CONFIGURED_SIZE, size);
        m.put(Schema.QUEUED, 0L);
        m.put(Schema.CPU_TIME, busy * 900_000_000L);
        m.put(Schema.INTERVAL, 1_000_000_000L);
        m.put(Schema.COMPLETED_TASKS, 10L);
        m.put(Schema.LARGEST_POOL_SIZE, size);
        return m;
    }

    @Test
    void collectorsReadAnyEventSource() {
        Model model = new Model();
        Dispatch d = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "maps");
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L);
        d.accept(new MapEvent(Schema.POOL_CREATED, t0, created(7, 16)), pm);
        for (int s = 1; s <= 3; s++) {
            d.accept(new MapEvent(Schema.POOL_SAMPLE, t0.plusSeconds(s), sample(7, s, 16)), pm);
        }
        d.accept(new MapEvent("jdk.SomethingNobodyReads", t0, Map.of()), pm);
        assertNull(d.takeUnreadable());
        d.finish(pm);
        PoolStats p = pm.pool(7);
        assertEquals(16, p.width());
        assertEquals(3, p.peakBusy());
        assertEquals(3, p.samples);
        assertEquals("Batch.start(Batch.java:44)", p.creationSite);
        assertEquals("Batch.start(Batch.java:44)", p.creationStack.lines().skip(1).findFirst().orElseThrow());
        assertEquals(1L, pm.count(Schema.POOL_CREATED));
        assertEquals(3L, pm.count(Schema.POOL_SAMPLE));
        assertEquals(0L, pm.count("jdk.SomethingNobodyReads"));
        assertEquals(4, pm.threadguardEvents);
        assertEquals(t0, pm.start);
        assertEquals(t0.plusSeconds(3), pm.end);
        assertTrue(model.timeline.bucketCount() >= 3);
    }

    @Test
    void threadsStartedBeforeTheStreamGaveTheirPoolsCreationCountForIt() {
        Model model = new Model();
        Dispatch d = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "maps");
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L);
        Map<String, Object> start = new HashMap<>(Map.of(Schema.POOL_ID, 7L, Schema.FAMILY_ID, 0L, Schema.CREATOR_POOL_ID, 0L));
        // the stream is unordered: two of a pool's starts come before its PoolCreated, one after
        d.accept(new MapEvent(Schema.THREAD_STARTED, t0.plusMillis(1), start), pm);
        d.accept(new MapEvent(Schema.THREAD_STARTED, t0.plusMillis(2), start), pm);
        d.accept(new MapEvent(Schema.POOL_CREATED, t0, created(7, 16)), pm);
        d.accept(new MapEvent(Schema.THREAD_STARTED, t0.plusMillis(3), start), pm);
        d.finish(pm);
        assertEquals(3, pm.pool(7).threadsStarted);
    }

    /**
     * Guava's ThreadFactoryBuilder names a pool's threads ("lookup-0"): a worker's name is the pool's name in a
     * thread dump, also when the unordered stream gives its start before the pool's PoolCreated (DataLibrariesIT).
     */
    @Test
    void aPoolIsNamedByItsFirstWorkerAlsoWhenTheStartCameBeforeItsCreation() {
        Model model = new Model();
        Dispatch d = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "maps");
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L);
        Map<String, Object> start = new HashMap<>(Map.of(Schema.POOL_ID, 7L, Schema.FAMILY_ID, 0L, Schema.CREATOR_POOL_ID, 0L,
                Schema.THREAD, "lookup-0"));
        d.accept(new MapEvent(Schema.THREAD_STARTED, t0.plusMillis(1), start), pm);
        start.put(Schema.THREAD, "lookup-1");
        d.accept(new MapEvent(Schema.THREAD_STARTED, t0.plusMillis(2), start), pm);
        d.accept(new MapEvent(Schema.POOL_CREATED, t0, created(7, 4)), pm);
        d.finish(pm);
        assertEquals("lookup-0", pm.pool(7).workerName);
    }

    @Test
    void anUnreadableEventBecomesOneWarningNotAnError() {
        Model model = new Model();
        Dispatch d = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "maps");
        Map<String, Object> broken = sample(7, 1, 4);
        broken.remove(Schema.BUSY);
        d.accept(new MapEvent(Schema.POOL_SAMPLE, Instant.EPOCH, broken), pm);
        d.accept(new MapEvent(Schema.POOL_SAMPLE, Instant.EPOCH, broken), pm);
        String w = d.takeUnreadable();
        assertTrue(w.startsWith("2 event(s) could not be read (threadguard.PoolSample: no field busy"), w);
        assertNull(d.takeUnreadable());
    }

    /** 30 pools made at one site, each shut down unused: their ends come as two ranges, one read before its pools' creations. */
    private static List<dev.threadguard.analyzer.rules.Finding> poolsPerRequest(boolean withRanges) {
        Model model = new Model();
        Dispatch d = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "maps");
        model.processes.add(pm);
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L);
        Map<String, Object> late = new HashMap<>(Map.of(Schema.FIRST_POOL_ID, 16L, Schema.LAST_POOL_ID, 30L, "pools", 15L));
        if (withRanges) {
            d.accept(new MapEvent(Schema.POOLS_ENDED_UNUSED, t0.plusMillis(1600), late), pm);
        }
        for (int i = 1; i <= 30; i++) {
            d.accept(new MapEvent(Schema.POOL_CREATED, t0.plusMillis(100L * i), created(i, 4)), pm);
        }
        if (withRanges) {
            d.accept(new MapEvent(Schema.POOLS_ENDED_UNUSED, t0.plusMillis(100),
                new HashMap<>(Map.of(Schema.FIRST_POOL_ID, 1L, Schema.LAST_POOL_ID, 15L, "pools", 15L))), pm);
            for (long id = 1; id <= 30; id++) {
                PoolStats p = pm.pools.get(id);
                assertEquals(p.created, p.shutdown, "ended before the next pool was made: its end is taken at its creation");
                assertEquals(Schema.PHASE_TERMINATED, p.shutdownPhase);
            }
            assertEquals(30, pm.pools.size(), "no pool made up from a range");
        }
        return new dev.threadguard.analyzer.rules.PoolLeak().evaluate(model,
            dev.threadguard.analyzer.rules.Thresholds.defaults(dev.threadguard.analyzer.rules.Rules.all()));
    }

    @Test
    void poolsThatEndedUnusedInARangeAreShutDownWhateverTheReadingOrder() {
        assertEquals(1, poolsPerRequest(false).size(), "without their ends, 30 pools left behind: a leak");
        assertEquals(List.of(), poolsPerRequest(true), "with them, none");
    }

    @Test
    void aDamagedRangeOfPoolsEndedUnusedCostsAtMostTheModelsCap() {
        Model model = new Model();
        Dispatch d = new Dispatch(Collectors.standard(model));
        ProcessModel pm = new ProcessModel(0, "maps");
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L);
        d.accept(new MapEvent(Schema.POOL_CREATED, t0, created(3, 4)), pm);
        Map<String, Object> damaged = new HashMap<>(Map.of(Schema.FIRST_POOL_ID, 2L, Schema.LAST_POOL_ID, Long.MAX_VALUE, "pools", 1L));
        // a walk over the range's ids would not end
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> d.accept(new MapEvent(Schema.POOLS_ENDED_UNUSED, t0.plusSeconds(1), damaged), pm));
        assertEquals(ProcessModel.MAX_POOLS, pm.pools.size());
        assertEquals(t0, pm.pools.get(3L).shutdown, "a pool already known: its end at its creation");
    }

    @Test
    void everyCollectorSaysWhatItReadsAndFills() {
        Set<String> types = new HashSet<>();
        for (Collector c : Collectors.standard(new Model())) {
            assertTrue(!c.events().isEmpty() && !c.fills().isBlank(), c.getClass().getSimpleName());
            types.addAll(c.events());
        }
        // every agent event has a reader
        for (String t : List.of(Schema.POOL_CREATED, Schema.POOL_CONFIG_CHANGED, Schema.POOL_SHUTDOWN, Schema.POOLS_ENDED_UNUSED,
                Schema.POOL_SAMPLE, Schema.TASK_REJECTED, Schema.THREAD_STARTED, Schema.THREAD_START_FAILED,
                Schema.WORKER_EXITED, Schema.NESTED_POOL_USE, Schema.PROCESS_THREADS, Schema.OS_THREADS_SEEN,
                Schema.HOST)) {
            assertTrue(types.contains(t), t);
        }
    }
}
