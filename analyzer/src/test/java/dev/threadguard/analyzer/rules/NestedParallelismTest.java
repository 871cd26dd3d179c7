package dev.threadguard.analyzer.rules;

import static dev.threadguard.analyzer.rules.Eval.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nested-parallelism: N x M only for owned inner pools, N + M for shared ones, severity from measured wait. */
class NestedParallelismTest {
    private static PoolStats inner(Synthetic s, ProcessModel pm, PoolStats outer, String site, int width) {
        PoolStats i = s.pool(pm, "omp", site, width, "");
        i.creatorPoolId = outer.id;
        pm.createdBy.computeIfAbsent(outer.id, k -> new ArrayList<>()).add(i.id);
        return i;
    }

    @Test
    void seed001EachWorkerOwnsAPoolAndTheyWaited() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(64);
        PoolStats outer = s.pool(pm, "envs", "BatchEnv.<init>(BatchEnv.java:44)", 64, "n");
        s.samples(outer, 10, 64, 64, 0, 0.1);
        s.os(outer, 0, 10, 6.4, 1);
        for (int k = 0; k < 64; k++) {
            PoolStats i = inner(s, pm, outer, "Muscle.infer(Muscle.java:12)", 64);
            s.samples(i, 10, 64, 64, 0, 0.015);
            s.os(i, 0, 10, 64, 0.98);
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size(), "one finding per cause, the 64 inner pools under it");
        Finding x = f.get(0);
        assertEquals(Severity.CRITICAL, x.severity());
        assertEquals(4096L, x.get(NestedParallelism.POTENTIAL_THREADS));
        assertEquals(64, x.get(NestedParallelism.INNER_POOLS_AT_ONCE));
        assertEquals(64 + 64 * 64, x.get(NestedParallelism.OBSERVED_THREADS));
        assertTrue(x.message().contains("each outer worker owns an inner pool: 64 x 64 = 4096"), x.message());
        assertTrue((Double) x.get(NestedParallelism.WAIT_SHARE) > 0.9, x.evidence().toString());
        assertEquals("Muscle.infer(Muscle.java:12)", x.location());
    }

    @Test
    void ownedInnerPoolsWithoutMeasuredWaitAreInfo() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        PoolStats outer = s.pool(pm, "envs", "E.e(E.java:1)", 8, "n");
        for (int k = 0; k < 8; k++) {
            inner(s, pm, outer, "I.i(I.java:2)", 8);
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(64L, f.get(0).get(NestedParallelism.POTENTIAL_THREADS));
    }

    /**
     * A family of 4 threads, each creating its own pool of 4 (RealVerdictsIT's family-owned): the agent
     * forms the family when its second thread starts, so the first thread's pool has no creator pool.
     * Its creating thread's name ("sim-0", pattern "sim-*") says it is the family's: 4 x 4, one finding.
     */
    @Test
    void aFamilysFirstThreadsPoolCountsFromTheThreadsName() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats family = s.pool(pm, "sim-*", "Sim.start(Sim.java:5)", 4, "");
        family.kind = Schema.KIND_FAMILY;
        family.namePattern = "sim-*";
        family.maxPoolSize = 4;
        for (int k = 0; k < 4; k++) {
            PoolStats i = s.pool(pm, "forkjoin(4)", "Sim.run(Sim.java:9)", 4, "");
            i.creatorThread = "sim-" + k;
            if (k > 0) {
                i.creatorPoolId = family.id;
                pm.createdBy.computeIfAbsent(family.id, x -> new ArrayList<>()).add(i.id);
            }
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(4, f.get(0).get(NestedParallelism.INNER_POOLS));
        assertEquals(16L, f.get(0).get(NestedParallelism.POTENTIAL_THREADS));
    }

    @Test
    void innerPoolsOneAtATimeAreNotNTimesM() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        PoolStats outer = s.pool(pm, "envs", "E.e(E.java:1)", 8, "n");
        for (int k = 0; k < 5; k++) {
            PoolStats i = inner(s, pm, outer, "I.i(I.java:2)", 8);
            i.created = Instant.ofEpochMilli(Synthetic.T0 + k * 1000L);
            i.shutdown = Instant.ofEpochMilli(Synthetic.T0 + k * 1000L + 500);
        }
        assertEquals(List.of(), run(new NestedParallelism(), s));
    }

    /**
     * Two rounds of 4 inner pools of 4 inside one second, as the agent samples them: each pool is seen
     * running at one sampling round and, ended, at its last one (no threads left, its interval's peak 4).
     * At no instant were more than 4 + 4 x 4 = 20 threads alive, nor more busy than alive.
     */
    @Test
    void threadsAndBusyAtOnceComeFromOneSamplingInstant() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats outer = s.pool(pm, "sim", "Sim.run(Sim.java:20)", 4, "");
        long t = Synthetic.T0 + 50;
        for (int round = 0; round < 4; round++) {
            s.sample(outer, t + round * 250L, round, 4, 4, 4);
        }
        for (int wave = 0; wave < 2; wave++) {
            for (int k = 0; k < 4; k++) {
                PoolStats i = inner(s, pm, outer, "Env.step(Env.java:31)", 4);
                i.created = Instant.ofEpochMilli(t + wave * 500L);
                i.shutdown = Instant.ofEpochMilli(t + wave * 500L + 400);
                s.sample(i, t + wave * 500L, wave * 2, 4, 4, 4);
                s.sample(i, t + wave * 500L + 250, wave * 2 + 1, 0, 4, 0); // ended: no threads, peak 4
            }
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size(), f.toString());
        Finding x = f.get(0);
        assertEquals(20, x.get(NestedParallelism.OBSERVED_THREADS), x.evidence().toString());
        assertEquals(20, x.get(NestedParallelism.OBSERVED_BUSY), x.evidence().toString());
        assertEquals(4, x.get(NestedParallelism.INNER_POOLS_AT_ONCE), x.evidence().toString());
    }

    private static Synthetic commonPoolFedFromWorkers(double outerWanting, double innerWanting, double innerCores) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        PoolStats outer = s.pool(pm, "req", "Srv.<init>(Srv.java:3)", 8, "n");
        PoolStats common = s.pool(pm, "ForkJoinPool.commonPool", "", 7, "n-1");
        common.kind = Schema.KIND_COMMON_POOL;
        pm.nestedUses.add(new ProcessModel.NestedUse(outer.id, "req", common.id, "ForkJoinPool.commonPool",
                "parallel stream", "Srv.handle(Srv.java:40)"));
        s.samples(outer, 10, 8, 8, 0, 0.5);
        s.samples(common, 10, 7, 7, 0, 0.5);
        s.os(outer, 0, 10, outerWanting, Math.min(outerWanting, 4));
        s.os(common, 0, 10, innerWanting, innerCores);
        return s;
    }

    /**
     * 16 client threads of the application calling a gRPC server in the same JVM with no pause: both levels'
     * threads wanted the CPUs, so the fix sizes both, the application's own threads at their site and
     * gRPC's executor at gRPC's knob (not gRPC's alone: the clients wanted most of the CPU).
     */
    @Test
    void aSharedLibraryPoolFedByTheApplicationsThreadsIsFixedAtBothLevels() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats clients = s.pool(pm, "Load.main:36 threads client-*", "Load.main(Load.java:36)", 16, "");
        PoolStats grpc = s.pool(pm, "GrpcUtil$3.create:562 cached", "io.grpc.internal.GrpcUtil$3.create(GrpcUtil.java:562)",
                16, "");
        grpc.creationFrames = List.of("io.grpc.internal.GrpcUtil$3.create(GrpcUtil.java:562)",
                "io.grpc.internal.ManagedChannelImpl.<init>(ManagedChannelImpl.java:600)", "Load.main(Load.java:23)");
        pm.nestedUses.add(new ProcessModel.NestedUse(clients.id, "Load.main:36 threads client-*", grpc.id,
                "GrpcUtil$3.create:562 cached", "ThreadPoolExecutor.execute", "ManagedChannelImpl$ExecutorHolder.execute(ManagedChannelImpl.java:2113)"));
        s.samples(clients, 10, 16, 16, 0, 0.1);
        s.samples(grpc, 10, 16, 4, 0, 0.1);
        s.os(clients, 0, 10, 9, 1.4);
        s.os(grpc, 0, 10, 3.5, 0.6);
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size(), f.toString());
        String fix = f.get(0).recommendation();
        assertTrue(fix.startsWith("size the two pools together to the 2 processors"), fix);
        assertTrue(fix.contains("fewer threads in 'Load.main:36 threads client-*' at Load.main(Load.java:36)"), fix);
        assertTrue(fix.contains("ManagedChannelBuilder.executor(yourBoundedExecutor)"), fix);
        assertTrue(fix.contains("by your call at Load.main(Load.java:23)"), fix);
    }

    @Test
    void aSharedCommonPoolIsNPlusMAndOnlyWhenTheyWaited() {
        List<Finding> f = run(new NestedParallelism(), commonPoolFedFromWorkers(8, 7, 4));
        assertEquals(1, f.size());
        assertEquals(15L, f.get(0).get(NestedParallelism.POTENTIAL_THREADS));
        assertTrue(f.get(0).title().startsWith("Nested parallelism: 8 + 7 threads on 8 processors, waited 47%"),
                f.get(0).title());
        assertTrue(f.get(0).recommendation().contains("sequentially"), f.get(0).recommendation());
    }

    /**
     * 8 workers feeding the common pool of 7 on 2 CPUs, all computing, while other processes use 1.5 of the
     * CPUs: the 15 threads want a CPU whatever else runs, so the seconds count with the wait their own
     * excess accounts for (1 - 2/15), as pools-exceed-cores counts them: a loaded machine keeps the verdict.
     */
    @Test
    void secondsCrowdedByOtherProcessesCountWithTheWaitTheirOwnExcessAccountsFor() {
        Synthetic s = feedingTheCommonPoolOnTwoCpus(0.25);
        ProcessModel pm = s.model.processes.get(0);
        for (int sec = 0; sec < 10; sec++) {
            s.model.timeline.addCpuLoad(Synthetic.T0 + sec * 1000L + 200, pm.index, 0.25, 1.0); // others: 1.5 cores
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        assertEquals(0.867, f.get(0).get(NestedParallelism.WAIT_SHARE));
    }

    /** 8 workers feeding the common pool of 7 on 2 CPUs, all spinning, each pool getting {@code cores} of CPU. */
    static Synthetic feedingTheCommonPoolOnTwoCpus(double cores) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats outer = s.pool(pm, "req", "Srv.<init>(Srv.java:3)", 8, "");
        PoolStats common = s.pool(pm, "ForkJoinPool.commonPool", "", 7, "");
        common.kind = Schema.KIND_COMMON_POOL;
        pm.nestedUses.add(new ProcessModel.NestedUse(outer.id, "req", common.id, "ForkJoinPool.commonPool",
                "parallel stream", "Srv.handle(Srv.java:40)"));
        s.samples(outer, 10, 8, 8, 0, cores / 8);
        s.samples(common, 10, 7, 7, 0, cores / 7);
        s.os(outer, 0, 10, 8, cores);
        s.os(common, 0, 10, 7, cores);
        return s;
    }

    /**
     * Pekko's startup: its internal dispatcher (4) creates the default dispatcher (8) from a worker; the two ran
     * together and waited in the first second (a crowded CI box), then only the default dispatcher ran, lightly:
     * 1 of the 1 seconds both ran is a burst, quiet. The same wait in 2 of 2 seconds is a sustained state.
     */
    @Test
    void aWaitInOneSecondIsABurstAndTwoAreSustained() {
        assertEquals(List.of(), run(new NestedParallelism(), dispatcherStartingAnother(1)), "1 of 1 seconds");
        List<Finding> f = run(new NestedParallelism(), dispatcherStartingAnother(2));
        assertEquals(1, f.size(), "2 of 2 seconds: " + f);
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains("in 100% of the 2 seconds both ran"), f.get(0).message());
    }

    private static Synthetic dispatcherStartingAnother(int hotSeconds) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats internal = s.pool(pm, "internal-dispatcher", "org.apache.pekko.Sys.<init>(Sys.java:10)", 4, "");
        PoolStats dflt = inner(s, pm, internal, "org.apache.pekko.Disp.create(Disp.java:20)", 8);
        s.samples(internal, 0, hotSeconds, 2, 4, 0, 0.5);
        s.samples(internal, hotSeconds, 10 - hotSeconds, 0, 4, 0, 0);
        s.samples(dflt, 10, 4, 8, 0, 0.05);
        s.os(internal, 0, hotSeconds, 1.8, 1.0);
        s.os(dflt, 0, hotSeconds, 1.7, 0.9);
        s.os(dflt, hotSeconds, 10 - hotSeconds, 0.3, 0.3);
        return s;
    }

    @Test
    void aSharedPoolWithoutMeasuredWaitIsQuiet() {
        assertEquals(List.of(), run(new NestedParallelism(), commonPoolFedFromWorkers(4, 0.5, 0.5)));
    }

    @Test
    void singleThreadedInnerPoolsOrAFittingProductAreQuiet() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(64);
        PoolStats outer = s.pool(pm, "envs", "E.e(E.java:1)", 64, "n");
        inner(s, pm, outer, "M.i(M.java:12)", 1);
        assertEquals(List.of(), run(new NestedParallelism(), s));
        Synthetic t = new Synthetic();
        ProcessModel pt = t.process(16);
        PoolStats o = t.pool(pt, "o", "O.o(O.java:1)", 2, "");
        inner(t, pt, o, "I.i(I.java:1)", 4);
        inner(t, pt, o, "I.i(I.java:1)", 4);
        assertEquals(List.of(), run(new NestedParallelism(), t)); // 2 x 4 = 8 <= 16
    }

    @Test
    void anUnboundedPoolIsNeverPrintedAsIntegerMaxValue() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        PoolStats outer = s.pool(pm, "cached", "C.c(C.java:1)", 4, "n");
        outer.maximumPoolSize = Integer.MAX_VALUE;
        outer.configuredSize = Integer.MAX_VALUE;
        outer.maxPoolSize = 6;
        for (int k = 0; k < 6; k++) {
            inner(s, pm, outer, "I.i(I.java:2)", 4);
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size());
        assertFalse((f.get(0).title() + f.get(0).message()).contains("2147483647"), f.get(0).message());
        assertTrue(f.get(0).message().contains("N = unbounded (peak 6 at once) workers"), f.get(0).message());
        assertEquals(6, f.get(0).get(NestedParallelism.OUTER_WIDTH));
    }
}
