package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.programs.PlainPrograms;
import dev.threadguard.analyzer.report.Analysis;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.support.Child;
import dev.threadguard.analyzer.support.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain JDK programs run under the real agent (agent/target/threadguard.jar): the analyzer must find the
 * pattern in the agent's recording, and nothing in the fixed form. Fails when the agent is not built.
 */
class AgentRecordingsIT {
    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "agent-runs");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, CompletableFuture<Path>> RUNS = new ConcurrentHashMap<>();

    private static final Map<String, List<String>> JVM = Map.of("sized", List.of("-XX:ActiveProcessorCount=16"),
            "common", List.of("-XX:ActiveProcessorCount=8"));

    @BeforeAll
    static void agentBuilt() {
        assertTrue(Files.isRegularFile(Child.agentJar()), "agent not built: " + Child.agentJar());
        for (String p : List.of("sized", "nested", "common", "leak")) {
            for (String m : List.of("broken", "fixed")) {
                run(p, m);
            }
        }
    }

    private static CompletableFuture<Path> run(String pattern, String mode) {
        return RUNS.computeIfAbsent(pattern + "-" + mode, k -> CompletableFuture.supplyAsync(() -> {
            try {
                return Child.recordWithAgent("agent-" + k, PlainPrograms.class, JVM.getOrDefault(pattern, List.of()),
                        pattern, mode);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, RUNNERS));
    }

    private static List<Finding> findings(String pattern, String mode, String rule) throws Exception {
        return Reports.findings(List.of(run(pattern, mode).get()), rule);
    }

    @Test
    void poolSizedToCores() throws Exception {
        List<Finding> f = findings("sized", "broken", "pool-sized-to-cores");
        assertEquals(1, f.size(), f.toString());
        assertEquals(16, f.get(0).evidence().get("configuredSize"));
        assertEquals(4, f.get(0).evidence().get("peakBusy"));
        assertTrue(f.get(0).location().contains("PlainPrograms.sized(PlainPrograms.java:"), f.get(0).location());
        assertEquals(List.of(), findings("sized", "fixed", "pool-sized-to-cores"));
    }

    @Test
    void nestedPoolsCreatedInWorkers() throws Exception {
        List<Finding> f = findings("nested", "broken", "nested-parallelism");
        assertEquals(1, f.size(), f.toString());
        assertEquals(4, f.get(0).evidence().get("outerWidth"));
        assertEquals(4, f.get(0).evidence().get("innerWidth"));
        assertEquals(List.of(), findings("nested", "fixed", "nested-parallelism"));
    }

    @Test
    void commonPoolUsedFromWorkers() throws Exception {
        List<Finding> f = findings("common", "broken", "nested-parallelism");
        assertEquals(1, f.size(), f.toString());
        assertEquals(4, f.get(0).evidence().get("outerWidth"));
        assertEquals(7, f.get(0).evidence().get("innerWidth"));
        assertEquals(List.of(), findings("common", "fixed", "nested-parallelism"));
    }

    @Test
    void poolPerRequestLeaks() throws Exception {
        List<Finding> f = findings("leak", "broken", "pool-leak");
        assertEquals(1, f.size(), f.toString());
        assertEquals(14, f.get(0).evidence().get("created"));
        assertEquals(14, f.get(0).evidence().get("neverShutDown"));
        assertEquals(List.of(), findings("leak", "fixed", "pool-leak"));
    }

    @Test
    void cpuBoundPoolsExceedTheCores() throws Exception {
        // the CPU-burning runs go alone: other child JVMs would take the CPU their shares are judged by
        CompletableFuture.allOf(RUNS.values().toArray(new CompletableFuture<?>[0])).exceptionally(x -> null).join();
        Path broken = run("exceed", "broken").get();
        Reports.assumeCpuWasAvailable(List.of(broken));
        List<Finding> f = Reports.findings(List.of(broken), "pools-exceed-cores");
        assertEquals(1, f.size(), f.toString());
        assertEquals(3, f.get(0).evidence().get("pools"));
        assertEquals(List.of(), findings("exceed", "fixed", "pools-exceed-cores"));
    }

    @Test
    void agentRecordingHasHostFactsAndOsCensus() throws Exception {
        Analysis a = Reports.analyse(List.of(run("leak", "fixed").get()));
        var pm = a.model.processes.get(0);
        assertTrue(pm.hasAgent());
        assertTrue(pm.host.fromAgent && pm.host.onlineCpus >= 1 && pm.host.threadsMax > 0, "host facts");
        assertTrue(pm.osCensusSeen, "OS thread census");
        assertEquals(0, pm.nativeThreads, "a pure Java program has no native threads: " + pm.nativeByComm);
    }
}
