package dev.threadguard.jmc;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Requires;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.RuleResult;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Threshold;
import dev.threadguard.analyzer.rules.Thresholds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * One threadguard rule as a JMC rule. The judgement is the analyzer's own rule, run on the model the
 * analyzer's collectors build from JMC's items; this class only translates: thresholds to JMC preferences,
 * the rule's findings to one JMC result (JMC has one result per rule and recording) with summary,
 * explanation, solution and typed result attributes, and a skip to JMC's "not applicable".
 */
public abstract class ThreadguardRule implements IRule {
    /** The Java Application page: where JMC shows thread and pool results. */
    static final String TOPIC = "java_application";

    private final Rule rule;
    private final Map<Threshold, TypedPreference<IQuantity>> preferences = new LinkedHashMap<>();

    protected ThreadguardRule(Rule rule) {
        this.rule = rule;
        for (Threshold t : rule.thresholds()) {
            preferences.put(t, new TypedPreference<>(rule.id() + "." + t.name(), t.name(),
                    t.description() + " (" + t.unit().label() + ")", UnitLookup.NUMBER,
                    UnitLookup.NUMBER_UNITY.quantity(t.defaultValue())));
        }
    }

    /** The analyzer's rule this one runs. */
    public Rule rule() {
        return rule;
    }

    @Override
    public String getId() {
        return rule.id();
    }

    /** "Pool sized to cores (threadguard)": JMC lists rules by name, next to its own. */
    @Override
    public String getName() {
        String words = rule.id().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " (threadguard)";
    }

    @Override
    public String getTopic() {
        return TOPIC;
    }

    /** The rule's required events where one type is required; "any of" groups are checked by the analyzer itself. */
    @Override
    public Map<String, EventAvailability> getRequiredEvents() {
        Map<String, EventAvailability> m = new LinkedHashMap<>();
        for (Requires r : rule.requires()) {
            if (r.anyOf().size() == 1) {
                m.put(r.anyOf().get(0), EventAvailability.AVAILABLE);
            }
        }
        return m;
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return new ArrayList<>(preferences.values());
    }

    @Override
    public Collection<TypedResult<?>> getResults() {
        return JmcResults.declared(rule);
    }

    @Override
    public RunnableFuture<IResult> createEvaluation(IItemCollection items, IPreferenceValueProvider values,
            IResultValueProvider dependencies) {
        return new FutureTask<>(() -> evaluate(items, values));
    }

    IResult evaluate(IItemCollection items, IPreferenceValueProvider values) {
        Model model = ItemModel.of(items);
        // every rule's defaults, as threadguard report runs them: a rule that leaves a cause to another
        // (pools-exceed-cores to nested-parallelism) asks whether that one runs, one finding per cause
        Thresholds thresholds = Thresholds.defaults(Rules.all());
        for (Map.Entry<Threshold, TypedPreference<IQuantity>> p : preferences.entrySet()) {
            IQuantity q = values.getPreferenceValue(p.getValue());
            if (q != null) {
                thresholds.override(p.getValue().getIdentifier() + "=" + q.doubleValue());
            }
        }
        Rules.Result r = Rules.run(model, List.of(rule), thresholds);
        RuleResult status = r.results().get(0);
        ResultBuilder b = ResultBuilder.createFor(this, values);
        if (!status.ran()) {
            return b.setSeverity(Severity.NA).setSummary("Not run on this recording: " + status.reason() + ".")
                    .setExplanation("threadguard's rule " + rule.id() + " needs these events; record with"
                            + " -javaagent:threadguard.jar to get them.")
                    .build();
        }
        return JmcResults.of(b, rule, r.findings());
    }
}
