package dev.threadguard.jmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.PoolSizedToCores;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

/** The JMC side of one rule: found by JMC's ServiceLoader, typed results, preferences, not applicable. */
class ThreadguardRuleTest {
    static Path rollout;
    static IItemCollection items;

    @BeforeAll
    static void load() throws Exception {
        rollout = SameFindingsTest.unpacked(SameFindingsTest.GOLDEN.resolve("rollout.jfr.gz"));
        items = JfrLoaderToolkit.loadEvents(new File(rollout.toString()));
    }

    private static ThreadguardRule rule(String id) {
        for (IRule r : ServiceLoader.load(IRule.class, IRule.class.getClassLoader())) {
            if (r.getId().equals(id)) {
                return (ThreadguardRule) r;
            }
        }
        throw new AssertionError("JMC's ServiceLoader finds no rule " + id);
    }

    @Test
    void jmcsServiceLoaderFindsEveryThreadguardRuleOnce() {
        List<String> found = new ArrayList<>();
        for (IRule r : ServiceLoader.load(IRule.class, IRule.class.getClassLoader())) {
            if (r instanceof ThreadguardRule t) {
                found.add(t.getId());
                assertEquals(ThreadguardRule.TOPIC, t.getTopic());
            }
        }
        assertEquals(Rules.all().stream().map(Rule::id).sorted().toList(), found.stream().sorted().toList());
    }

    @Test
    void resultCarriesTheFindingAsTypedAttributes() throws Exception {
        ThreadguardRule r = rule(PoolSizedToCores.ID);
        IResult res = r.evaluate(items, IPreferenceValueProvider.DEFAULT_VALUES);
        Finding f = Rules.run(ModelBuilder.build(List.of(rollout)), List.of(r.rule()), Thresholds.defaults(List.of(r.rule())))
                .findings().get(0);
        assertEquals(Severity.WARNING, res.getSeverity());
        assertEquals(75, res.getResult(TypedResult.SCORE).doubleValue());
        assertEquals("warning", res.getResult(JmcResults.SEVERITY));
        assertEquals(f.location(), res.getResult(JmcResults.LOCATION));
        assertEquals(f.title(), res.getSummary());
        assertEquals(f.get(PoolSizedToCores.PEAK_BUSY).longValue(),
                res.getResult(JmcResults.attribute(PoolSizedToCores.PEAK_BUSY)).longValue());
        assertEquals(f.get(PoolSizedToCores.CONFIGURED_SIZE).longValue(),
                res.getResult(JmcResults.attribute(PoolSizedToCores.CONFIGURED_SIZE)).longValue());
        assertTrue(r.getResults().contains(JmcResults.attribute(PoolSizedToCores.IDLE_WORKERS)), "declared");
        assertTrue(res.getSolution().contains("Executors.newFixedThreadPool("), res.getSolution());
    }

    @Test
    void thresholdsAreJmcPreferences() {
        ThreadguardRule r = rule(PoolSizedToCores.ID);
        assertEquals(r.rule().thresholds().size(), r.getConfigurationAttributes().size());
        IPreferenceValueProvider strict = new IPreferenceValueProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getPreferenceValue(TypedPreference<T> p) {
                return p.getIdentifier().equals("pool-sized-to-cores.maxBusyRatio")
                        ? (T) UnitLookup.NUMBER_UNITY.quantity(0.1) : p.getDefaultValue();
            }
        };
        IResult res = r.evaluate(items, strict);
        assertEquals(Severity.OK, res.getSeverity(), "27 of 56 busy is more than 10%: " + res.getSummary());
        IQuantity score = res.getResult(TypedResult.SCORE);
        assertEquals(0, score.doubleValue());
    }

    @Test
    void notApplicableWithoutTheAgentsEvents() {
        IResult res = rule(PoolSizedToCores.ID).evaluate(items.apply(ItemFilters.type("jdk.CPULoad")),
                IPreferenceValueProvider.DEFAULT_VALUES);
        assertEquals(Severity.NA, res.getSeverity());
        assertTrue(res.getSummary().contains("threadguard"), res.getSummary());
    }
}
