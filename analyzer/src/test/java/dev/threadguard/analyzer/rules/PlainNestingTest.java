package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nested-parallelism on plain JFR: pools created in a pool's workers, from jdk.ThreadStart's parent thread. */
class PlainNestingTest {
    private static void starts(ProcessModel pm, String parent, String child, int n) {
        pm.jdkSpawn.computeIfAbsent(parent, k -> new HashMap<>()).merge(child, n, Integer::sum);
    }

    private static List<Finding> run(Synthetic s) {
        Rules.Result r = Rules.run(s.model, List.of(new NestedParallelism()), Thresholds.defaults(Rules.all()));
        return r.findings();
    }

    private static ProcessModel plain(Synthetic s) {
        ProcessModel pm = s.process(2);
        pm.threadguardEvents = 0;
        pm.eventCounts.put("jdk.ThreadStart", 40L);
        return pm;
    }

    @Test
    void forkJoinPoolsCreatedInPoolWorkersAreFoundWithoutTheAgent() {
        Synthetic s = new Synthetic();
        ProcessModel pm = plain(s);
        starts(pm, "main", "pool-1-thread-*", 4);
        for (int k = 2; k < 6; k++) {
            starts(pm, "pool-1-thread-*", "ForkJoinPool-" + k + "-worker-*", 1);
            starts(pm, "ForkJoinPool-" + k + "-worker-*", "ForkJoinPool-" + k + "-worker-*", 3); // its own workers
        }
        List<Finding> f = run(s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(4, f.get(0).get(NestedParallelism.INNER_POOLS));
        assertEquals(4, f.get(0).get(NestedParallelism.OUTER_THREADS_STARTED));
        assertEquals(4, f.get(0).get(NestedParallelism.INNER_THREADS_STARTED));
        assertTrue(f.get(0).message().contains("record with the threadguard agent"), f.get(0).message());
    }

    @Test
    void oneSharedPoolStartedFromWorkersOrAPoolStartingItsOwnThreadsIsQuiet() {
        Synthetic s = new Synthetic();
        ProcessModel pm = plain(s);
        starts(pm, "main", "pool-1-thread-*", 4);
        starts(pm, "pool-1-thread-*", "ForkJoinPool-2-worker-*", 2);
        starts(pm, "ForkJoinPool-2-worker-*", "ForkJoinPool-2-worker-*", 5);
        assertEquals(List.of(), run(s));
    }

    @Test
    void withTheAgentThePlainFallbackIsNotUsed() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.eventCounts.put("jdk.ThreadStart", 40L);
        starts(pm, "main", "pool-1-thread-*", 4);
        for (int k = 2; k < 6; k++) {
            starts(pm, "pool-1-thread-*", "ForkJoinPool-" + k + "-worker-*", 1);
        }
        assertEquals(List.of(), run(s));
    }
}
