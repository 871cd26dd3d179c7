package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on hand-built models: fires on the pattern with the right numbers, silent at the boundaries. */
class RuleUnitTest {
    private static List<Finding> run(Rule r, Synthetic s) {
        return r.evaluate(s.model, Thresholds.defaults(Rules.all()));
    }

    private static List<Finding> run(Rule r, Synthetic s, String... overrides) {
        Thresholds t = Thresholds.defaults(Rules.all());
        for (String o : overrides) {
            t.override(o);
        }
        return r.evaluate(s.model, t);
    }

    // pool-sized-to-cores

    @Test
    void sizedToCoresSeed000() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(56);
        PoolStats p = s.pool(pm, "BatchEnv.<init>:44 fixed(56)", "BatchEnv.<init>(BatchEnv.java:44)", 56, "n");
        s.samples(p, 10, 16, 56, 0, 0.9);
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size());
        assertEquals(56, f.get(0).evidence().get("configuredSize"));
        assertEquals(16, f.get(0).evidence().get("peakBusy"));
        assertEquals(40, f.get(0).evidence().get("idleWorkers"));
        assertEquals("size the pool to the task count: Executors.newFixedThreadPool(16) at "
                + "BatchEnv.<init>(BatchEnv.java:44) (the number of tasks it runs at once, not availableProcessors())",
                f.get(0).recommendation());
    }

    @Test
    void sizedToCoresSilentWhenSaturatedOrBusyOrNotSizedToCores() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(56);
        s.samples(s.pool(pm, "queued", "A.a(A.java:1)", 56, "n"), 10, 16, 56, 56, 1.0); // queue >= workers
        s.samples(s.pool(pm, "busy", "A.b(A.java:2)", 56, "n"), 10, 40, 56, 0, 1.0); // peak above half
        s.samples(s.pool(pm, "explicit", "A.c(A.java:3)", 20, ""), 10, 2, 20, 0, 1.0); // not from the cores
        s.samples(s.pool(pm, "unused", "A.d(A.java:4)", 56, "n"), 10, 0, 0, 0, 0); // never busy
        PoolStats few = s.pool(pm, "few", "A.e(A.java:5)", 56, "n");
        s.samples(few, 2, 1, 56, 0, 1.0); // too few samples
        assertEquals(List.of(), run(new PoolSizedToCores(), s));
    }

    @Test
    void sizedToCoresThresholdOverride() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        s.samples(s.pool(pm, "p", "A.a(A.java:1)", 16, "n"), 10, 6, 16, 0, 1.0);
        assertEquals(1, run(new PoolSizedToCores(), s).size());
        assertEquals(0, run(new PoolSizedToCores(), s, "pool-sized-to-cores.maxBusyRatio=0.3").size());
    }

    @Test
    void sizedToCoresReportsASiteOnceForManyPools() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        for (int i = 0; i < 5; i++) {
            s.samples(s.pool(pm, "per-request", "Req.h(Req.java:9)", 8, "n"), 5, 1, 8, 0, 0.1);
        }
        List<Finding> f = run(new PoolSizedToCores(), s);
        assertEquals(1, f.size());
        assertEquals(5, f.get(0).evidence().get("pools"));
    }

    // nested-parallelism

    @Test
    void nestedParallelismSeed001() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(64);
        PoolStats outer = s.pool(pm, "envs", "BatchEnv.<init>(BatchEnv.java:44)", 64, "n");
        for (int i = 0; i < 64; i++) {
            PoolStats inner = s.pool(pm, "omp", "Muscle.infer(Muscle.java:12)", 64, "n");
            inner.creatorPoolId = outer.id;
            pm.createdBy.computeIfAbsent(outer.id, k -> new java.util.ArrayList<>()).add(inner.id);
        }
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size());
        assertEquals(64, f.get(0).evidence().get("outerWidth"));
        assertEquals(64, f.get(0).evidence().get("innerWidth"));
        assertEquals(4096L, f.get(0).evidence().get("potentialThreads"));
        assertEquals(64, f.get(0).evidence().get("processors"));
        assertEquals("Muscle.infer(Muscle.java:12)", f.get(0).location());
    }

    @Test
    void nestedParallelismSilentForSingleThreadedInnerPools() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(64);
        PoolStats outer = s.pool(pm, "envs", "BatchEnv.<init>(BatchEnv.java:44)", 64, "n");
        PoolStats inner = s.pool(pm, "single", "Muscle.infer(Muscle.java:12)", 1, "");
        pm.createdBy.put(outer.id, new java.util.ArrayList<>(List.of(inner.id)));
        assertEquals(List.of(), run(new NestedParallelism(), s));
    }

    @Test
    void nestedParallelismSilentWhenNTimesMFits() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        PoolStats outer = s.pool(pm, "o", "O.o(O.java:1)", 2, "");
        PoolStats inner = s.pool(pm, "i", "I.i(I.java:1)", 4, "");
        pm.createdBy.put(outer.id, new java.util.ArrayList<>(List.of(inner.id)));
        assertEquals(List.of(), run(new NestedParallelism(), s)); // 2 x 4 = 8 <= 16
    }

    @Test
    void nestedParallelismCommonPool() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        PoolStats outer = s.pool(pm, "req", "Srv.<init>(Srv.java:3)", 8, "n");
        PoolStats common = s.pool(pm, "ForkJoinPool.commonPool", "", 7, "n-1");
        common.kind = Schema.KIND_COMMON_POOL;
        pm.nestedUses.add(new ProcessModel.NestedUse(outer.id, "req", common.id, "ForkJoinPool.commonPool",
                "parallel stream", "Srv.handle(Srv.java:40)"));
        List<Finding> f = run(new NestedParallelism(), s);
        assertEquals(1, f.size());
        assertEquals(56L, f.get(0).evidence().get("potentialThreads"));
        assertTrue(f.get(0).recommendation().contains("sequentially"), f.get(0).recommendation());
    }

    // pools-exceed-cores

    @Test
    void poolsExceedCoresSeed002() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(48);
        int[] sizes = {16, 4, 8, 12, 8, 16};
        for (int i = 0; i < sizes.length; i++) {
            PoolStats p = s.pool(pm, "pool" + i, "M.init(M.java:" + (10 + i) + ")", sizes[i], "");
            // 64 CPU-bound busy workers share 48 cores: 0.75 of a core each
            s.samples(p, 10, sizes[i], sizes[i], 0, 0.75);
        }
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size());
        assertEquals(64.0, f.get(0).evidence().get("meanCpuBusyWorkers"));
        assertEquals(6, f.get(0).evidence().get("pools"));
        assertEquals(1.0, f.get(0).evidence().get("oversubscribedShare"));
    }

    @Test
    void poolsExceedCoresSplitAddsUpToTheProcessors() {
        String s = PoolsExceedCores.split(List.of("ai", "stats", "bg"), List.of(0.5, 0.3, 0.2), 48);
        assertEquals("ai = 24, stats = 14, bg = 10", s);
        assertEquals("", PoolsExceedCores.split(List.of("a", "b", "c"), List.of(0.4, 0.3, 0.3), 2)); // more pools than cores
        assertEquals("a = 1, b = 1", PoolsExceedCores.split(List.of("a", "b"), List.of(0.9, 0.1), 2));
    }

    @Test
    void poolsExceedCoresSilentForIoBoundWorkers() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        PoolStats io = s.pool(pm, "http", "C.c(C.java:1)", 200, "");
        s.samples(io, 10, 200, 200, 0, 0.001); // 200 blocked on the network: 0.2 cores in all
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
    }

    @Test
    void poolsExceedCoresCountsOnlyCpuBoundPoolsBesideIoPools() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        s.samples(s.pool(pm, "http", "C.c(C.java:1)", 200, ""), 10, 200, 200, 0, 0.0005);
        s.samples(s.pool(pm, "cpu", "C.d(C.java:2)", 4, ""), 10, 4, 4, 0, 0.95);
        assertEquals(List.of(), run(new PoolsExceedCores(), s)); // 4 CPU-bound on 4 cores: fine
    }

    @Test
    void poolsExceedCoresNeedsASustainedShare() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats a = s.pool(pm, "a", "A.a(A.java:1)", 8, "");
        s.samples(a, 0, 1, 8, 8, 0, 0.25); // one hot second
        s.samples(a, 1, 19, 1, 8, 0, 1.0); // then one busy worker
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
        assertEquals(1, run(new PoolsExceedCores(), s, "pools-exceed-cores.sustainedShare=0.05").size());
    }

    @Test
    void poolsExceedCoresAddsProcessesOnOneHost() {
        Synthetic s = new Synthetic();
        for (int i = 0; i < 11; i++) {
            ProcessModel pm = s.process(12);
            s.samples(s.pool(pm, "blas", "W.run(W.java:5)", 5, ""), 10, 5, 5, 0, 0.22);
        }
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size());
        assertEquals(55.0, f.get(0).evidence().get("meanCpuBusyWorkers"));
        assertEquals(11, f.get(0).evidence().get("processes"));
    }

    // pool-leak

    @Test
    void poolLeakForAPoolPerRequest() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        for (int i = 0; i < 30; i++) {
            PoolStats p = s.pool(pm, "req", "Api.get(Api.java:77)", 4, "");
            p.maxPoolSize = 4;
            p.created = Instant.ofEpochMilli(Synthetic.T0 + i * 2000L);
        }
        for (int i = 0; i < 10; i++) {
            pm.threads.add(Synthetic.T0 + i * 6000L, 10 + i * 12, Double.NaN, 5, Double.NaN);
        }
        List<Finding> f = run(new PoolLeak(), s);
        assertEquals(1, f.size());
        assertEquals(30, f.get(0).evidence().get("created"));
        assertEquals(30, f.get(0).evidence().get("neverShutDown"));
        assertEquals(120, f.get(0).evidence().get("threadsHeld"));
        assertEquals(Severity.CRITICAL, f.get(0).severity()); // threads grew 10 -> 118
    }

    @Test
    void poolLeakSilentWhenShutDownOrFew() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        for (int i = 0; i < 30; i++) {
            PoolStats p = s.pool(pm, "req", "Api.get(Api.java:77)", 4, "");
            p.shutdown = Instant.ofEpochMilli(Synthetic.T0 + i * 2000L + 500);
            p.shutdownPhase = Schema.PHASE_SHUTDOWN;
        }
        for (int i = 0; i < 5; i++) {
            s.pool(pm, "few", "Api.put(Api.java:90)", 4, "");
        }
        assertEquals(List.of(), run(new PoolLeak(), s));
    }

    @Test
    void poolLeakCountsThreadFamilies() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        for (int i = 0; i < 12; i++) {
            PoolStats p = s.pool(pm, "nioEventLoopGroup-" + i + "-*", "Client.connect(Client.java:30)", -1, "");
            p.kind = Schema.KIND_FAMILY;
            p.namePattern = "nioEventLoopGroup-" + i + "-*";
        }
        List<Finding> f = run(new PoolLeak(), s);
        assertEquals(1, f.size());
        assertTrue(f.get(0).title().contains("thread families"), f.get(0).title());
    }

    // thread-limit

    @Test
    void threadLimitSeed004FailedStart() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        pm.host.nprocSoft = 4096;
        pm.peakOsThreads = 4090;
        PoolStats p = s.pool(pm, "tf_foreach", "Xla.compile(Xla.java:3)", 4000, "");
        p.maxPoolSize = 4000;
        pm.failureCount = 1;
        pm.failures.add(new ProcessModel.Failure(Instant.ofEpochMilli(Synthetic.T0), "tf_foreach-4001", p.id, 0, 4070,
                4090, "unable to create native thread: possibly out of memory or process/resource limits reached",
                "Xla.compile(Xla.java:3)"));
        List<Finding> f = run(new ThreadLimit(), s);
        assertEquals(1, f.size());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        assertEquals(4096L, f.get(0).evidence().get("limit"));
        assertEquals(6L, f.get(0).evidence().get("headroom"));
        assertTrue(f.get(0).message().contains("RLIMIT_NPROC"), f.get(0).message());
        assertTrue(f.get(0).recommendation().contains("tf_foreach"), f.get(0).recommendation());
    }

    @Test
    void threadLimitPicksTheLowestBindingLimit() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        pm.host.nprocSoft = 100_000;
        pm.host.pidsMax = 1000;
        pm.host.pidsCurrentMax = 950;
        pm.peakOsThreads = 900;
        List<Finding> f = run(new ThreadLimit(), s);
        assertEquals(1, f.size());
        assertEquals(1000L, f.get(0).evidence().get("limit"));
        assertEquals(950L, f.get(0).evidence().get("peakThreads"));
        assertTrue(f.get(0).message().contains("pids.max"), f.get(0).message());
    }

    @Test
    void threadLimitSilentWithHeadroomOrUnenforcedLimit() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        pm.host.nprocSoft = 4096;
        pm.peakOsThreads = 300;
        assertEquals(List.of(), run(new ThreadLimit(), s));
        pm.host.nprocSoft = 100; // exceeded without a failure: root, not enforced
        assertEquals(List.of(), run(new ThreadLimit(), s));
    }

    // native-threads

    @Test
    void nativeThreadsOverTheProcessors() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        PoolStats p = s.pool(pm, "infer", "M.<init>(M.java:2)", 4, "");
        pm.nativeThreads = 16;
        pm.nativeByComm.put("infer-1", 16);
        pm.commToPool.put("infer-1", p.id);
        pm.host.threadEnvironment = "OMP_NUM_THREADS=4";
        List<Finding> f = run(new NativeThreads(), s);
        assertEquals(1, f.size());
        assertTrue(f.get(0).recommendation().startsWith("lower OMP_NUM_THREADS=4 to OMP_NUM_THREADS=1"),
                f.get(0).recommendation());
        assertEquals("M.<init>(M.java:2)", f.get(0).location());
    }

    @Test
    void nativeThreadsOnnxRuntimeHint() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.nativeThreads = 8;
        pm.nativeByComm.put("onnxruntime", 8);
        List<Finding> f = run(new NativeThreads(), s);
        assertTrue(f.get(0).recommendation().contains("SessionOptions.setIntraOpNumThreads(1)"));
    }

    @Test
    void nativeThreadsAdviceFollowsTheLoadedLibrary() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.nativeThreads = 8;
        pm.nativeByComm.put("pool-1-thread-1", 8);
        pm.nativeLibraries.add("libjava.so");
        pm.nativeLibraries.add("libonnxruntime.so");
        List<Finding> f = run(new NativeThreads(), s);
        assertTrue(f.get(0).recommendation().startsWith("set ONNX Runtime: SessionOptions.setIntraOpNumThreads(1)"),
                f.get(0).recommendation());
        assertTrue(f.get(0).message().contains("libonnxruntime.so") && !f.get(0).message().contains("libjava.so"),
                f.get(0).message());

        pm.nativeLibraries.clear();
        pm.nativeLibraries.add("libgomp.so.1");
        pm.nativeLibraries.add("libopenblas.so.0");
        String both = run(new NativeThreads(), s).get(0).recommendation();
        assertTrue(both.startsWith("set OPENBLAS_NUM_THREADS=1; OMP_NUM_THREADS=1"), both);

        pm.nativeLibraries.clear();
        pm.nativeLibraries.add("libgomp.so.1");
        assertTrue(run(new NativeThreads(), s).get(0).recommendation().startsWith("set OMP_NUM_THREADS=1"));
    }

    @Test
    void nativeThreadsSilentUnderTheProcessors() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        pm.nativeThreads = 6;
        pm.nativeByComm.put("omp", 6);
        assertEquals(List.of(), run(new NativeThreads(), s));
    }

    // processor-count-differs

    @Test
    void processorCountDiffersForQuota() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.host.onlineCpus = 64;
        pm.host.cpuQuota = 2.0;
        List<Finding> f = run(new ProcessorCountDiffers(), s);
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().contains("CPU quota of 2 cores"), f.get(0).message());
    }

    @Test
    void processorCountDiffersSilentWhenEqual() {
        Synthetic s = new Synthetic();
        s.process(8);
        assertEquals(List.of(), run(new ProcessorCountDiffers(), s));
    }

    // thresholds

    @Test
    void unknownOrBadThresholdsAreRejected() {
        Thresholds t = Thresholds.defaults(Rules.all());
        assertThrows(IllegalArgumentException.class, () -> t.override("nope.x=1"));
        assertThrows(IllegalArgumentException.class, () -> t.override("pool-sized-to-cores.maxBusyRatio=abc"));
        assertThrows(IllegalArgumentException.class, () -> t.override("pool-sized-to-cores.maxBusyRatio"));
        assertThrows(IllegalArgumentException.class, () -> t.override("pool-sized-to-cores.maxBusyRatio=-1"));
    }

    @Test
    void everyRuleHasAStableIdAndDocumentedThresholds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Rule r : Rules.all()) {
            assertTrue(ids.add(r.id()), r.id());
            assertTrue(r.id().matches("[a-z-]+"), r.id());
            assertTrue(!r.events().isEmpty(), r.id());
            for (Threshold th : r.thresholds()) {
                assertTrue(!th.description().isBlank(), r.id() + "." + th.name());
            }
        }
        assertTrue(ids.containsAll(List.of("pool-sized-to-cores", "nested-parallelism", "pools-exceed-cores",
                "pool-leak", "thread-limit", "native-threads", "processor-count-differs")));
    }
}
