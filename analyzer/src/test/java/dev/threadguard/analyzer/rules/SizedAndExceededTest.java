package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pool sized to the processors that also wants more CPUs than exist is one cause with one number:
 * pools-exceed-cores' finding sizes it (never below the concurrency its work needed without waiting for a
 * CPU) and says its size follows the processor count; pool-sized-to-cores leaves it to that finding.
 */
class SizedAndExceededTest {
    private static List<Finding> both(Synthetic s, List<Rule> rules) {
        Thresholds t = Thresholds.defaults(rules);
        List<Finding> f = new ArrayList<>();
        for (Rule r : rules) {
            f.addAll(r.evaluate(s.model, t));
        }
        return f;
    }

    private static List<Finding> both(Synthetic s) {
        return both(s, List.of(new PoolSizedToCores(), new PoolsExceedCores()));
    }

    /** 56 workers from availableProcessors() (-XX:ActiveProcessorCount=56), 8 CPU-bound tasks at once, 2 CPUs. */
    private static Synthetic fiftySixWorkersEightBusyOnTwoCpus(int calmSeconds) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.host.availableProcessors = 56;
        PoolStats p = s.pool(pm, "BatchEnv.<init>:33 fixed(56)", "BatchEnv.<init>(BatchEnv.java:33)", 56, "n");
        p.availableProcessors = 56;
        s.samples(p, 0, calmSeconds, 6, 56, 0, 0.3);
        s.os(p, 0, calmSeconds, 1.8, 1.8); // 6 tasks, each blocked part of the time: no CPU wait
        s.samples(p, calmSeconds, 10, 8, 56, 0, 0.25);
        s.os(p, calmSeconds, 10, 8, 2); // 8 spinning on 2 CPUs: 75% wait
        return s;
    }

    @Test
    void oneFindingWithOneNumberThatSaysTheSizeFollowsTheProcessors() {
        List<Finding> f = both(fiftySixWorkersEightBusyOnTwoCpus(0));
        assertEquals(List.of(PoolsExceedCores.ID), f.stream().map(Finding::rule).toList(), f.toString());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        String rec = f.get(0).recommendation();
        assertTrue(rec.contains("'BatchEnv.<init>:33 fixed(56)' 2 (CPU-bound (W/C 0): 2 processors x U 1 = 2"), rec);
        assertTrue(rec.contains("its size follows availableProcessors() (56 here) while at most 8 of its workers were busy at"
                + " once: set 2, not the processor count"), rec);
    }

    /** Seconds in which 6 tasks ran at once without waiting for a CPU: the one number never goes below them. */
    @Test
    void theNumberNeverGoesBelowTheConcurrencyTheWorkNeededWithoutWaiting() {
        List<Finding> f = both(fiftySixWorkersEightBusyOnTwoCpus(3));
        assertEquals(List.of(PoolsExceedCores.ID), f.stream().map(Finding::rule).toList(), f.toString());
        String rec = f.get(0).recommendation();
        assertTrue(rec.contains("'BatchEnv.<init>:33 fixed(56)' 6 ("), rec);
        assertTrue(rec.contains(", raised to 6: the most tasks it ran at once in seconds its threads did not wait for a CPU"), rec);
        assertTrue(rec.contains("set 6, not the processor count"), rec);
    }

    /** Without pools-exceed-cores in the rule set, pool-sized-to-cores still reports the pool. */
    @Test
    void aloneEachRuleStillReportsThePool() {
        List<Finding> f = both(fiftySixWorkersEightBusyOnTwoCpus(0), List.of(new PoolSizedToCores()));
        assertEquals(List.of(PoolSizedToCores.ID), f.stream().map(Finding::rule).toList(), f.toString());
        assertEquals(56, f.get(0).get(PoolSizedToCores.CONFIGURED_SIZE));
    }

    /** A pool sized to the processors that waited for no CPU is pool-sized-to-cores' alone. */
    @Test
    void withoutOversubscriptionPoolSizedToCoresSpeaks() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.host.availableProcessors = 56;
        PoolStats p = s.pool(pm, "BatchEnv.<init>:33 fixed(56)", "BatchEnv.<init>(BatchEnv.java:33)", 56, "n");
        p.availableProcessors = 56;
        s.samples(p, 10, 8, 56, 0, 0.05);
        s.os(p, 0, 10, 0.4, 0.4);
        List<Finding> f = both(s);
        assertEquals(List.of(PoolSizedToCores.ID), f.stream().map(Finding::rule).toList(), f.toString());
    }
}
