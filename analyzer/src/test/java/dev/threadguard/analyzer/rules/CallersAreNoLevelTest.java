package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shared inner pool is N + M only when the outer level's threads compute too: threads that hand work to
 * pools and wait for it are callers, and the pools they feed are pools-exceed-cores'.
 */
class CallersAreNoLevelTest {
    private static List<Finding> both(Synthetic s) {
        Thresholds t = Thresholds.defaults(Rules.all());
        List<Finding> f = new ArrayList<>(new NestedParallelism().evaluate(s.model, t));
        f.addAll(new PoolsExceedCores().evaluate(s.model, t));
        return f;
    }

    /**
     * RecordedRulesIT's exceed-broken: 3 driver threads (family Thread-*) each feed one of 3 spinning pools of 2
     * on 2 CPUs and wait (recorded: the drivers 0.01 cores and 0.09 thread-seconds waiting in the first second,
     * nothing after; the pools 6 wanting, 1.4 cores got). It read "nested 3 + 2, waited 73%" when the family had
     * formed and pools-exceed-cores when it had not.
     */
    private static Synthetic driversFeedingThreePools(double driversWanting) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats drivers = s.pool(pm, "threads Thread-*", "ExceedProgram.main(ExceedProgram.java:57)", 3, "");
        drivers.kind = Schema.KIND_FAMILY;
        s.samples(drivers, 10, 3, 3, 0, 0);
        s.os(drivers, 0, 10, driversWanting, Math.min(driversWanting, 0.01));
        for (int i = 0; i < 3; i++) {
            PoolStats p = s.pool(pm, "Trainer.pool:71 fixed(2)", "Trainer.pool(ExceedProgram.java:71)", 2, "");
            s.samples(p, 10, 2, 2, 0, 0.23);
            s.os(p, 0, 10, 2, 0.46);
            pm.nestedUses.add(new ProcessModel.NestedUse(drivers.id, drivers.name, p.id, p.name,
                    "ThreadPoolExecutor.execute", "Work.runAll(Work.java:54)"));
        }
        return s;
    }

    @Test
    void driversThatOnlyWaitLeaveThePoolsToPoolsExceedCores() {
        List<Finding> f = both(driversFeedingThreePools(0.02));
        assertEquals(List.of(PoolsExceedCores.ID), f.stream().map(Finding::rule).toList(), f.toString());
        assertEquals(3, f.get(0).get(PoolsExceedCores.POOLS), f.get(0).message());
    }

    @Test
    void outerThreadsThatComputeAreALevelAddedOnce() {
        List<Finding> f = both(driversFeedingThreePools(3));
        assertEquals(List.of(NestedParallelism.ID), f.stream().map(Finding::rule).toList(), f.toString());
        assertTrue(f.get(0).title().startsWith("Nested parallelism: 3 + 2 threads"), f.get(0).title());
    }

    @Test
    void theOuterDemandIsAThreshold() {
        List<Finding> f = both(driversFeedingThreePools(0.4));
        assertEquals(List.of(PoolsExceedCores.ID), f.stream().map(Finding::rule).toList(), f.toString());
        f = new NestedParallelism().evaluate(driversFeedingThreePools(0.4).model,
                Thresholds.defaults(Rules.all()).override("nested-parallelism.minOuterDemand=0.3"));
        assertEquals(1, f.size(), f.toString());
    }
}
