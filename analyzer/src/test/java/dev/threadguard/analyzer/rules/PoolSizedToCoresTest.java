package dev.threadguard.analyzer.rules;

import static dev.threadguard.analyzer.rules.Eval.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.model.WhatIf;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pool-sized-to-cores: pools, logical pools and families sized from the processors, severity from measured wait. */
class PoolSizedToCoresTest {
    @Test
    void seed000IsInfoWithoutMeasuredWait() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(56);
        PoolStats p = s.pool(pm, "BatchEnv.<init>:44 fixed(56)", "BatchEnv.<init>(BatchEnv.java:44)", 56, "n");
        s.samples(p, 10, 16, 56, 0, 0.9);
        s.os(p, 0, 10, 14.4, 14.4);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(56, f.get(0).get(PoolSizedToCores.CONFIGURED_SIZE));
        assertEquals(16, f.get(0).get(PoolSizedToCores.PEAK_BUSY));
        assertEquals(40, f.get(0).get(PoolSizedToCores.IDLE_WORKERS));
        assertEquals(0.0, f.get(0).get(PoolSizedToCores.WAIT_SHARE));
        assertTrue(f.get(0).recommendation().startsWith("size the pool to the task count: Executors.newFixedThreadPool(16) at "
                + "BatchEnv.<init>(BatchEnv.java:44) (the number of tasks it runs at once, not availableProcessors(); "
                + "peak 16 busy in 10 samples over 10 s)"), f.get(0).recommendation());
    }

    /**
     * Seed 000 on 2 CPUs at 56 processors: 8 environment steps at once, but while the workers wait for a
     * CPU a finished task's worker is still busy when the next step's tasks start (the golden read 27
     * busy for 8 environments). The seconds without that wait show the 8 the work needs.
     */
    @Test
    void theTaskCountComesFromSecondsItsThreadsDidNotWaitForACpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(56);
        PoolStats p = s.pool(pm, "BatchEnv.<init>:33 fixed(56)", "BatchEnv.<init>(BatchEnv.java:33)", 56, "n");
        s.samples(p, 0, 2, 8, 56, 0, 0.25);
        s.os(p, 0, 2, 2, 2);
        s.samples(p, 2, 8, 27, 56, 0, 0.07);
        s.os(p, 2, 8, 27, 2);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size());
        assertEquals(27, f.get(0).get(PoolSizedToCores.PEAK_BUSY));
        assertTrue(f.get(0).recommendation().startsWith("size the pool to the task count: Executors.newFixedThreadPool(8) at "
                + "BatchEnv.<init>(BatchEnv.java:33) (the number of tasks it runs at once, not availableProcessors(); the most"
                + " busy at once in seconds its threads did not wait for a CPU (peak 27 while they waited); peak 27 busy"),
                f.get(0).recommendation());
        // every second waited: the peak is all there is, and the advice says what it may hide
        Synthetic t = new Synthetic();
        ProcessModel pt = t.process(56);
        PoolStats q = t.pool(pt, "BatchEnv.<init>:33 fixed(56)", "BatchEnv.<init>(BatchEnv.java:33)", 56, "n");
        t.samples(q, 10, 27, 56, 0, 0.07);
        t.os(q, 0, 10, 27, 2);
        String rec = run(new PoolSizedToCores(), t).get(0).recommendation();
        assertTrue(rec.contains("newFixedThreadPool(27)") && rec.contains("busy measured while its threads waited for a CPU"
                + " counts tasks waiting to finish: its task count may be lower"), rec);
    }

    @Test
    void aWarningWhenItsThreadsWaitedForACpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        PoolStats p = s.pool(pm, "p", "A.a(A.java:1)", 16, "n");
        s.samples(p, 10, 4, 16, 0, 1.0);
        s.os(p, 0, 10, 4, 2);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains("Its threads waited 50% of their runnable time for a CPU (2 of them waiting on average)."),
                f.get(0).message());
    }

    /** Pekko's default dispatcher at 64 processors: a ForkJoinPool of parallelism 64 that started 16 threads. */
    @Test
    void aPoolThatStartsThreadsOnDemandIsToldInTheThreadsItStarted() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(64);
        PoolStats p = s.pool(pm, "forkjoin(64)", "A.a(A.java:1)", 64, "n");
        s.samples(p, 10, 3, 16, 0, 0.5);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(64, f.get(0).get(PoolSizedToCores.CONFIGURED_SIZE));
        assertEquals(16, f.get(0).get(PoolSizedToCores.THREADS_CREATED));
        assertEquals(13, f.get(0).get(PoolSizedToCores.IDLE_WORKERS), "idle threads it has, not the 61 it may start");
        assertTrue(f.get(0).message().contains("is sized to 64 workers") && f.get(0).message().contains(
                "it started 16 threads, 13 of them never needed at once (it may start 48 more)"), f.get(0).message());
        assertFalse(f.get(0).message().contains("has 64 workers"), f.get(0).message());

        // the same pool that started only the 5 threads its work took: still sized to the processors, 2 idle it has
        Synthetic few = new Synthetic();
        PoolStats q = few.pool(few.process(64), "forkjoin(64)", "A.a(A.java:1)", 64, "n");
        few.samples(q, 10, 3, 5, 0, 0.5);
        List<Finding> g = run(new PoolSizedToCores(), few);
        assertEquals(2, g.get(0).get(PoolSizedToCores.IDLE_WORKERS));
        assertTrue(g.get(0).message().contains("it started 5 threads, 2 of them never needed at once (it may start 59 more)"),
                g.get(0).message());
    }

    /** Sleeping workers wake for a few ms a second: 70% of almost nothing is no harm (sized-broken on a loaded machine). */
    @Test
    void aLargeShareOfATinyWaitIsInfo() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        PoolStats p = s.pool(pm, "p", "A.a(A.java:1)", 16, "n");
        s.samples(p, 10, 4, 16, 0, 0.003);
        s.os(p, 0, 10, 0.01, 0.003);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().contains("Its threads waited 70% of their runnable time for a CPU (0.0 of them waiting"),
                f.get(0).message());
    }

    /**
     * Lucene's IndexSearcher on a crowded 2-CPU machine (DataLibrariesIT, JDK 25): a pool of 16 running at most 6
     * slices read 18 tasks queued at a sample while 10 of its workers were idle: woken, waiting for a CPU to take
     * them. A queue beside idle workers is the machine's latency, not a pool that needs its width.
     */
    @Test
    void aQueueBesideIdleWorkersIsNotSaturation() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        PoolStats p = s.pool(pm, "LuceneProgram.search:102 fixed(16)", "A.a(A.java:1)", 16, "n");
        s.samples(p, 8, 6, 16, 18, 0.05);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(6, f.get(0).get(PoolSizedToCores.PEAK_BUSY));
        assertEquals(18L, f.get(0).get(PoolSizedToCores.MAX_QUEUED));
    }

    @Test
    void silentWhenSaturatedOrBusyOrNotSizedToCores() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(56);
        // saturated: the 16 threads it started all busy, and 56 tasks waiting for them
        s.samples(s.pool(pm, "queued", "A.a(A.java:1)", 56, "n"), 10, 16, 16, 56, 1.0);
        s.samples(s.pool(pm, "busy", "A.b(A.java:2)", 56, "n"), 10, 40, 56, 0, 1.0); // peak above half
        s.samples(s.pool(pm, "explicit", "A.c(A.java:3)", 20, ""), 10, 2, 20, 0, 1.0); // not from the cores
        s.samples(s.pool(pm, "unused", "A.d(A.java:4)", 56, "n"), 10, 0, 0, 0, 0); // never busy
        PoolStats few = s.pool(pm, "few", "A.e(A.java:5)", 56, "n");
        s.samples(few, 2, 1, 56, 0, 1.0); // too few samples
        assertEquals(List.of(), run(new PoolSizedToCores(), s));
    }

    @Test
    void thresholdOverride() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        s.samples(s.pool(pm, "p", "A.a(A.java:1)", 16, "n"), 10, 6, 16, 0, 1.0);
        assertEquals(1, run(new PoolSizedToCores(), s).size());
        assertEquals(0, run(new PoolSizedToCores(), s, "pool-sized-to-cores.maxBusyRatio=0.3").size());
    }

    @Test
    void aSiteThatCreatesManyPoolsIsReportedOnce() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        for (int i = 0; i < 5; i++) {
            PoolStats p = s.pool(pm, "per-request", "Req.h(Req.java:9)", 8, "n");
            p.created = Instant.ofEpochMilli(Synthetic.T0 + i * 1000L);
            s.samples(p, 5, 1, 8, 0, 0.1);
        }
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size());
        assertEquals(5, f.get(0).get(PoolSizedToCores.POOLS));
    }

    /** 36 one-thread executors built in one loop at 36 processors (a reactive library's parallel scheduler). */
    private static Synthetic scheduler(int processors) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(processors);
        for (int i = 0; i < processors; i++) {
            PoolStats p = s.pool(pm, "parallel-" + (i + 1), "Schedulers.newParallel(Schedulers.java:300)", 1, "");
            p.kind = Schema.KIND_SCHEDULED;
            p.creatorThread = "main";
            p.created = Instant.ofEpochMilli(Synthetic.T0 + i / 8);
            s.samples(p, 10, i < 3 ? 1 : 0, 1, 0, 0.5);
        }
        return s;
    }

    @Test
    void aSchedulerOfOneThreadExecutorsIsOnePoolSizedToCoresAndNoLeak() {
        Synthetic s = scheduler(36);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(36, f.get(0).get(PoolSizedToCores.CONFIGURED_SIZE));
        assertEquals(3, f.get(0).get(PoolSizedToCores.PEAK_BUSY));
        assertTrue(f.get(0).message().startsWith("Logical pool of 36 one-thread executors created together at "
                + "Schedulers.newParallel(Schedulers.java:300) has 36 workers (availableProcessors(), 36 processors)"),
                f.get(0).message());
        assertEquals(List.of(), run(new PoolLeak(), s));
    }

    @Test
    void whatIfProjectsTheSchedulerAndPoolsSizedFromTheProcessors() {
        Synthetic s = scheduler(8);
        PoolStats fixed = s.pool(s.model.process(0), "envs", "Env.<init>(Env.java:4)", 8, "n");
        s.samples(fixed, 10, 2, 8, 0, 1.0);
        List<WhatIf.Change> changes = WhatIf.apply(s.model, 64);
        assertEquals(2, changes.size(), changes.toString());
        assertEquals(64, changes.get(0).to());
        assertEquals(8, changes.get(1).from());
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(2, f.size(), f.toString());
        for (Finding x : f) {
            assertEquals(64, x.get(PoolSizedToCores.CONFIGURED_SIZE));
            assertEquals(64, x.get(PoolSizedToCores.AVAILABLE_PROCESSORS));
        }
        assertEquals(java.util.Set.of(3, 2), java.util.Set.copyOf(f.stream()
                .map(x -> x.get(PoolSizedToCores.PEAK_BUSY).intValue()).toList()), "the work stays as measured");
    }

    @Test
    void aFamilyOfOneThreadPerProcessorWithFewWantingACpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(64);
        PoolStats fam = s.pool(pm, "threads partition-operation.thread-*", "OperationExecutorImpl.<init>(OperationExecutorImpl.java:120)", 0, "");
        fam.kind = Schema.KIND_FAMILY;
        fam.configuredSize = -1;
        s.samples(fam, 10, 64, 64, 0, 0.0); // Java: 64 RUNNABLE-ish parked threads
        s.os(fam, 0, 10, 0.5, 0.5);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(64, f.get(0).get(PoolSizedToCores.CONFIGURED_SIZE));
        assertTrue(f.get(0).message().startsWith("Thread family"), f.get(0).message());
    }

    /** Netty's default worker group at 8 processors: 16 loops, RUNNABLE to Java while they wait in epoll. */
    private static PoolStats eventLoopGroup(Synthetic s, ProcessModel pm) {
        PoolStats g = s.pool(pm, "Server.main:51 NioEventLoopGroup(16)", "Server.main(Server.java:51)", 16, "2n");
        g.kind = Schema.KIND_EVENT_LOOP_GROUP;
        g.poolClass = "io.netty.channel.nio.NioEventLoopGroup";
        s.samples(g, 10, 16, 16, 0, 0.02);
        return g;
    }

    @Test
    void anEventLoopGroupWaitingInItsSelectorsIsQuiet() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        s.os(eventLoopGroup(s, pm), 0, 10, 0.3, 0.3);
        assertEquals(List.of(), run(new PoolSizedToCores(), s), "idle loops cost a thread each, no CPU: healthy");

        Synthetic unmeasured = new Synthetic();
        eventLoopGroup(unmeasured, unmeasured.process(8));
        assertEquals(List.of(), run(new PoolSizedToCores(), unmeasured), "without the OS nothing says it wanted a CPU");

        Synthetic wakeups = new Synthetic();
        wakeups.os(eventLoopGroup(wakeups, wakeups.process(8)), 0, 10, 0.6, 0.1);
        assertEquals(List.of(), run(new PoolSizedToCores(), wakeups), "short wake-ups that waited, under a CPU's worth: no harm");
    }

    @Test
    void anEventLoopGroupIsSizedToCoresOnlyWhenTheOsSawItsThreadsWaitForACpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        s.os(eventLoopGroup(s, pm), 0, 10, 3, 2);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size(), f.toString());
        Finding x = f.get(0);
        assertEquals(Severity.WARNING, x.severity());
        assertEquals(16, x.get(PoolSizedToCores.CONFIGURED_SIZE), "the group's own size, not the threads seen");
        assertEquals(3, x.get(PoolSizedToCores.PEAK_BUSY), "busy: the loops the OS saw wanting a CPU, not Java's RUNNABLE");
        assertTrue(x.title().startsWith("Event loop group sized to the 8 processors, only 3 busy"), x.title());
        assertTrue(x.message().startsWith("Event loop group 'Server.main:51 NioEventLoopGroup(16)' has 16 event loops "
                + "(2 x availableProcessors(), 8 processors) but at most 3 wanted a CPU at once"), x.message());
        assertTrue(x.recommendation().startsWith("size the event loop group to its work: new NioEventLoopGroup(3) at "
                + "Server.main(Server.java:51) (the event loops that wanted a CPU at once, not 2 x availableProcessors();"),
                x.recommendation());
    }
}
