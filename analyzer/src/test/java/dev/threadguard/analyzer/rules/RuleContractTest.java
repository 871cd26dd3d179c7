package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framework around the rules: required events decide ran / skipped (and why), typed thresholds. */
class RuleContractTest {
    private static RuleResult result(Rules.Result r, String id) {
        return r.results().stream().filter(x -> x.rule().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aRuleRunsOnlyWhereItsRequiredEventsAre() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        pm.eventCounts.put(Schema.POOL_CREATED, 3L);
        pm.eventCounts.put(Schema.HOST, 2L);
        Rules.Result r = Rules.run(s.model, Rules.all(), Thresholds.defaults(Rules.all()));
        RuleResult sized = result(r, PoolSizedToCores.ID);
        assertEquals(RuleResult.Status.SKIPPED, sized.status());
        assertEquals("no threadguard.PoolSample events", sized.reason());
        assertEquals(RuleResult.Status.RAN, result(r, PoolLeak.ID).status());
        assertEquals(RuleResult.Status.RAN, result(r, ThreadLimit.ID).status());
        assertEquals(List.of(), r.rulesNeedingAgent(), "the agent ran: nothing is blamed on its absence");
        assertEquals(Rules.all().size(), r.results().size());
    }

    @Test
    void withoutAgentEventsTheAgentRulesAreSkippedForThatReason() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        pm.threadguardEvents = 0;
        pm.eventCounts.put("jdk.ThreadStart", 40L);
        pm.eventCounts.put("jdk.CPUInformation", 1L);
        Rules.Result r = Rules.run(s.model, Rules.all(), Thresholds.defaults(Rules.all()));
        assertEquals(Rules.NEEDS_AGENT, result(r, PoolSizedToCores.ID).reason());
        assertEquals(RuleResult.Status.RAN, result(r, ThreadChurn.ID).status());
        assertEquals(RuleResult.Status.RAN, result(r, ProcessorCountDiffers.ID).status());
        assertTrue(r.rulesNeedingAgent().containsAll(List.of(PoolSizedToCores.ID, PoolsExceedCores.ID,
                NativeThreads.ID)), r.rulesNeedingAgent().toString());
        assertTrue(!r.rulesNeedingAgent().contains(ThreadChurn.ID));
    }

    @Test
    void thresholdsAreTypedConstantsOverriddenByKey() {
        Thresholds t = Thresholds.defaults(Rules.all());
        assertEquals(0.5, t.get(PoolSizedToCores.MAX_BUSY_RATIO));
        t.override("pool-sized-to-cores.maxBusyRatio=0.25");
        assertEquals(0.25, t.get(PoolSizedToCores.MAX_BUSY_RATIO));
        assertEquals(Unit.SHARE, PoolSizedToCores.MAX_BUSY_RATIO.unit());
        Threshold foreign = new Threshold("x", Unit.COUNT, 1, "of no rule");
        assertThrows(IllegalStateException.class, () -> t.get(foreign));
    }

    @Test
    void evidenceIsReadByConstantAndByName() {
        Finding f = new Finding.Builder("r").evidence(PoolSizedToCores.PEAK_BUSY, 4)
                .evidence(PoolSizedToCores.MEAN_BUSY, Double.NaN).build();
        assertEquals(4, f.get(PoolSizedToCores.PEAK_BUSY));
        assertEquals(java.util.Map.of("peakBusy", 4), f.evidence());
    }
}
