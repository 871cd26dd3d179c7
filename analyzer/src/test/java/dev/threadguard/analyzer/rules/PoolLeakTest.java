package dev.threadguard.analyzer.rules;

import static dev.threadguard.analyzer.rules.Eval.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pool-leak: one finding per creation site, and a scheduler built in one loop is no leak. */
class PoolLeakTest {
    @Test
    void aClientPerCallStartingAPoolAndAFamilyIsOneCause() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        for (int i = 0; i < 12; i++) {
            PoolStats pool = s.pool(pm, "cached", "Svc.call(Svc.java:32)", 4, "");
            pool.created = Instant.ofEpochMilli(Synthetic.T0 + i * 200L);
            PoolStats family = s.pool(pm, "threads HttpClient-" + i + "-SelectorManager", "Svc.call(Svc.java:32)", 1, "");
            family.kind = Schema.KIND_FAMILY;
            family.created = Instant.ofEpochMilli(Synthetic.T0 + i * 200L + 5);
        }
        List<Finding> f = run(new PoolLeak(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(12, f.get(0).get(PoolLeak.CREATED));
        assertTrue(f.get(0).title().startsWith("12 pools and 12 thread families created at one site"), f.get(0).title());
    }

    @Test
    void oneThreadExecutorsBuiltTogetherAreASchedulerNotALeak() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(16);
        for (int i = 0; i < 16; i++) {
            PoolStats p = s.pool(pm, "parallel-" + i, "Schedulers.newParallel(Schedulers.java:300)", 1, "");
            p.kind = Schema.KIND_SCHEDULED;
            p.creatorThread = "main";
            p.created = Instant.ofEpochMilli(Synthetic.T0 + i);
        }
        assertEquals(List.of(), run(new PoolLeak(), s));
    }
}
