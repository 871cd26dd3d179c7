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
