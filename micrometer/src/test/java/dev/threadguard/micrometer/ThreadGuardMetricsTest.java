package dev.threadguard.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.live.FindingView;
import dev.threadguard.events.live.LiveData;
import dev.threadguard.events.live.PoolView;
import dev.threadguard.events.live.ProcessView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The meters over a live view fed by the test: pools come and go, the cap folds, counters only grow. */
class ThreadGuardMetricsTest {
    /** What the agent would report; the test changes it between refreshes. */
    static final class TestSource implements LiveData.Source {
        final List<PoolView> pools = new ArrayList<>();

        @Override
        public List<PoolView> pools() {
            return new ArrayList<>(pools);
        }

        @Override
        public ProcessView process() {
            return new ProcessView(40, -2, 57, 3, 14, 3_000_000_000L, 1_500_000_000L, 8, 2, 2, 2, -1, 150, "RLIMIT_NPROC");
        }
    }

    static PoolView tpe(long id, String name, int size, int active, long completed) {
        return new PoolView(id, name, "ThreadPoolExecutor", "n", "App.main(App.java:4)", size, size, size, active, 3,
            completed, 2_000_000_000L, 500_000_000L);
    }

    private static double gauge(SimpleMeterRegistry r, String name, String pool) {
        Gauge g = r.find(name).tag("pool", pool).gauge();
        assertNotNull(g, name + " for " + pool + " in " + names(r));
        return g.value();
    }

    private static double counter(SimpleMeterRegistry r, String name, String pool) {
        FunctionCounter c = r.find(name).tag("pool", pool).functionCounter();
        assertNotNull(c, name + " for " + pool);
        return c.count();
    }

    private static Set<String> names(SimpleMeterRegistry r) {
        return r.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
    }

    @Test
    void bindsNothingWithoutTheAgent() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        assertNull(LiveData.source(), "no agent in the test JVM");
        new ThreadGuardMetrics().bindTo(r);
        assertTrue(r.getMeters().isEmpty(), r.getMeters().toString());
    }

    @Test
    void poolMetersFollowMicrometerNamesWithThePrefixAndCarryPoolKindAndSizeOrigin() {
        TestSource src = new TestSource();
        src.pools.add(tpe(1, "Batch.<init>:44 fixed(8)", 8, 3, 5));
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        ThreadGuardMetrics m = new ThreadGuardMetrics("threadguard.", 100, src);
        m.bindTo(r);
        String pool = "Batch.<init>:44 fixed(8)";
        assertEquals(8, gauge(r, "threadguard.executor.pool.size", pool));
        assertEquals(8, gauge(r, "threadguard.executor.pool.max", pool));
        assertEquals(3, gauge(r, "threadguard.executor.active", pool));
        assertEquals(5, gauge(r, "threadguard.executor.idle", pool));
        assertEquals(3, gauge(r, "threadguard.executor.queued", pool));
        assertEquals(5, counter(r, "threadguard.executor.completed", pool));
        assertEquals(2.0, counter(r, "threadguard.executor.cpu.time", pool));
        assertEquals(0.5, counter(r, "threadguard.executor.run.queue.wait", pool));
        assertEquals("seconds", r.find("threadguard.executor.run.queue.wait").functionCounter().getId().getBaseUnit());
        Meter.Id id = r.find("threadguard.executor.pool.size").gauge().getId();
        assertEquals("processors", id.getTag("size.origin"));
        assertEquals("ThreadPoolExecutor", id.getTag("kind"));
        assertEquals("threads", id.getBaseUnit());
        assertNotNull(id.getDescription());
        assertEquals(57, r.find("threadguard.process.threads").tag("kind", "os").gauge().value());
        assertEquals(3, r.find("threadguard.process.threads").tag("kind", "native").gauge().value());
        assertEquals(14, r.find("threadguard.process.threads").tag("kind", "jvm").gauge().value());
        assertEquals(1.5, r.find("threadguard.process.run.queue.wait").functionCounter().count());
        assertEquals(150, r.find("threadguard.thread.limit").tag("limit", "RLIMIT_NPROC").gauge().value());
        assertEquals(8, r.find("threadguard.processors").tag("source", "available").gauge().value());
        assertTrue(r.find("executor.pool.size").meters().isEmpty(), "Micrometer's own names stay free in an app registry");
    }

    @Test
    void capFoldsLaterPoolsForTheirWholeLifeAndGonePoolsLoseTheirSeries() {
        TestSource src = new TestSource();
        src.pools.add(tpe(1, "A fixed(4)", 4, 1, 10));
        src.pools.add(tpe(2, "B fixed(4)", 4, 2, 20));
        src.pools.add(tpe(3, "C fixed(4)", 4, 3, 30));
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        ThreadGuardMetrics m = new ThreadGuardMetrics("", 2, src);
        m.bindTo(r);
        assertEquals(4, gauge(r, "executor.pool.size", "A fixed(4)"));
        assertEquals(4, gauge(r, "executor.pool.size", PoolMeters.OTHER));
        assertEquals(3, gauge(r, "executor.active", PoolMeters.OTHER));
        assertEquals(1, r.find("threadguard.pools.folded").gauge().value());
        assertEquals(3, r.find("threadguard.pools").gauge().value());

        // A ends: its series go; C stays folded although a slot is free, the next new pool takes the slot
        src.pools.remove(0);
        src.pools.add(tpe(4, "D fixed(2)", 2, 0, 0));
        m.refresh();
        assertTrue(r.find("executor.pool.size").tag("pool", "A fixed(4)").meters().isEmpty(), "gone pool removed");
        assertEquals(2, gauge(r, "executor.pool.size", "D fixed(2)"));
        assertEquals(4, gauge(r, "executor.pool.size", PoolMeters.OTHER));

        // C ends while folded: the fold's CPU counter keeps what C used
        double before = counter(r, "threadguard.executor.cpu.time", PoolMeters.OTHER);
        double waitBefore = counter(r, "threadguard.executor.run.queue.wait", PoolMeters.OTHER);
        assertEquals(0.5, waitBefore, "C's wait in the fold");
        src.pools.removeIf(p -> p.id == 3);
        m.refresh();
        assertEquals(0, gauge(r, "executor.pool.size", PoolMeters.OTHER));
        assertEquals(before, counter(r, "threadguard.executor.cpu.time", PoolMeters.OTHER), "counters never go down");
        assertEquals(waitBefore, counter(r, "threadguard.executor.run.queue.wait", PoolMeters.OTHER), "counters never go down");
    }

    @Test
    void poolsWithTheSameNameGetTheirIdAppended() {
        TestSource src = new TestSource();
        src.pools.add(tpe(7, "Env.step:12 fixed(2)", 2, 0, 0));
        src.pools.add(tpe(9, "Env.step:12 fixed(2)", 2, 0, 0));
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new ThreadGuardMetrics("", 10, src).bindTo(r);
        assertEquals(2, gauge(r, "executor.pool.size", "Env.step:12 fixed(2)"));
        assertEquals(2, gauge(r, "executor.pool.size", "Env.step:12 fixed(2) #9"));
    }

    @Test
    void forkJoinPoolsCountStealsAndFamiliesHaveNoConfiguredSize() {
        TestSource src = new TestSource();
        src.pools.add(new PoolView(1, "commonPool(7)", "CommonPool", "n-1", "", 3, 7, 7, 1, 0, 12, 0, 0));
        src.pools.add(new PoolView(2, "threads worker-*", "ThreadFamily", "", "", 5, -1, -1, 2, 0, 0, 0, 0));
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new ThreadGuardMetrics("", 10, src).bindTo(r);
        assertEquals(12, counter(r, "executor.steals", "commonPool(7)"));
        assertEquals("processors-1", r.find("executor.pool.size").tag("pool", "commonPool(7)").gauge().getId().getTag("size.origin"));
        assertTrue(r.find("executor.completed").tag("pool", "commonPool(7)").meters().isEmpty());
        assertEquals(5, gauge(r, "executor.pool.size", "threads worker-*"));
        assertTrue(r.find("executor.pool.max").tag("pool", "threads worker-*").meters().isEmpty());
        assertEquals("unbounded", r.find("executor.pool.size").tag("pool", "threads worker-*").gauge().getId().getTag("size.origin"));
    }

    @Test
    void anEventLoopGroupHasItsLoopsAsSizeAndNoCompletedCounterItDoesNotKeep() {
        TestSource src = new TestSource();
        src.pools.add(new PoolView(3, "Server.start:20 NioEventLoopGroup(4)", "EventLoopGroup", "2n", "", 2, 4, 4, 1, 6, 0, 0, 0));
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new ThreadGuardMetrics("", 10, src).bindTo(r);
        String pool = "Server.start:20 NioEventLoopGroup(4)";
        assertEquals(4, gauge(r, "executor.pool.max", pool));
        assertEquals(6, gauge(r, "executor.queued", pool));
        assertTrue(r.find("executor.completed").tag("pool", pool).meters().isEmpty(), names(r).toString());
        assertTrue(r.find("executor.steals").tag("pool", pool).meters().isEmpty());
    }

    @Test
    void liveFindingsAreCountedByRuleAndSeverityAndGoToZeroWhenTheyClear() {
        List<FindingView> holding = new ArrayList<>();
        LiveData.installFindings(() -> new ArrayList<>(holding));
        try {
            TestSource src = new TestSource();
            SimpleMeterRegistry r = new SimpleMeterRegistry();
            ThreadGuardMetrics m = new ThreadGuardMetrics("", 100, src);
            m.bindTo(r);
            assertTrue(r.find("threadguard.findings").meters().isEmpty(), "no series before a first finding");
            holding.add(new FindingView("nested-parallelism", "critical", "4 x 8", "A.b(A.java:3)"));
            holding.add(new FindingView("nested-parallelism", "critical", "2 x 8", "C.d(C.java:9)"));
            holding.add(new FindingView("thread-limit", "warning", "near", ""));
            m.refresh();
            assertEquals(2, r.find("threadguard.findings").tag("rule", "nested-parallelism").tag("severity", "critical").gauge().value());
            assertEquals(1, r.find("threadguard.findings").tag("rule", "thread-limit").tag("severity", "warning").gauge().value());
            holding.clear();
            m.refresh();
            assertEquals(0, r.find("threadguard.findings").tag("rule", "nested-parallelism").gauge().value(), "cleared: 0, not gone");
            assertEquals(2, r.find("threadguard.findings").meters().size());
        } finally {
            LiveData.installFindings(null);
        }
    }
}
