package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules that see the same threads wait for a CPU give one finding: the one that names the cause. */
class OneFindingPerCauseTest {
    /** Both rules over the model, with the thresholds of the whole rule set. */
    private static List<Finding> all(Synthetic s) {
        Thresholds t = Thresholds.defaults(Rules.all());
        List<Finding> f = new java.util.ArrayList<>(new NestedParallelism().evaluate(s.model, t));
        f.addAll(new PoolsExceedCores().evaluate(s.model, t));
        return f;
    }

    /** The nested-stream golden's shape on 2 CPUs: 8 workers feeding the common pool of 7, all spinning. */
    private static Synthetic nestedOnTwoCpus() {
        return NestedParallelismTest.feedingTheCommonPoolOnTwoCpus(1);
    }

    @Test
    void nestedPoolsThatAlsoOversubscribeTheCpusAreOneNestedFindingWithTheWait() {
        List<Finding> f = all(nestedOnTwoCpus());
        assertEquals(List.of(NestedParallelism.ID), f.stream().map(Finding::rule).toList(), f.toString());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        assertEquals(0.867, f.get(0).get(NestedParallelism.WAIT_SHARE)); // 13 of 15 wanting threads waited
        // without the nested rule in the set, pools-exceed-cores still reports them
        List<Rule> exceedOnly = List.of(new PoolsExceedCores());
        assertEquals(1, new PoolsExceedCores().evaluate(nestedOnTwoCpus().model, Thresholds.defaults(exceedOnly)).size());
    }

    @Test
    void poolsNoNestedFindingExplainsStillExceedTheCores() {
        Synthetic s = nestedOnTwoCpus();
        ProcessModel pm = s.model.processes.get(0);
        PoolStats batch = s.pool(pm, "batch", "Batch.start(Batch.java:9)", 6, "");
        s.samples(batch, 10, 6, 6, 0, 0.1);
        s.os(batch, 0, 10, 6, 0.6);
        List<Finding> f = all(s);
        assertEquals(List.of(NestedParallelism.ID, PoolsExceedCores.ID), f.stream().map(Finding::rule).sorted().toList(),
                f.toString());
        Finding exceed = f.stream().filter(x -> x.rule().equals(PoolsExceedCores.ID)).findFirst().orElseThrow();
        assertEquals(1, exceed.get(PoolsExceedCores.POOLS), exceed.message());
        assertEquals(6.0, exceed.get(PoolsExceedCores.MEAN_DEMAND), exceed.message());
        assertTrue(exceed.message().contains("'batch'"), exceed.message());
        assertFalse(exceed.message().contains("'req'") || exceed.message().contains("commonPool"), exceed.message());
        assertTrue(exceed.message().contains("2 pool(s) whose wait a nested-parallelism finding states are left to it"),
                exceed.message());
    }
}
