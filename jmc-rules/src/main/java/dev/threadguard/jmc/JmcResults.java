package dev.threadguard.jmc;

import dev.threadguard.analyzer.rules.Evidence;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Unit;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

/**
 * A rule's findings as one JMC result. JMC has no "critical": threadguard's critical and warning are both
 * JMC warnings, told apart by the score (100 and 75) and the {@link #SEVERITY} attribute; info is JMC's
 * info (score 25). Texts are plain: JMC escapes them for its pages.
 */
final class JmcResults {
    private JmcResults() {}

    static final TypedResult<String> SEVERITY = new TypedResult<>("threadguardSeverity", "threadguard severity",
            "the severity threadguard report gives: critical, warning or info", UnitLookup.PLAIN_TEXT, String.class);
    static final TypedResult<String> LOCATION = new TypedResult<>("location", "Location",
            "the creation site of the pool or thread the most severe finding is about", UnitLookup.PLAIN_TEXT,
            String.class);
    static final TypedResult<IQuantity> FINDINGS = new TypedResult<>("findings", "Findings",
            "how many findings the rule made (one per cause)", UnitLookup.NUMBER, IQuantity.class);

    private static final Map<Evidence, TypedResult<IQuantity>> ATTRIBUTES = new ConcurrentHashMap<>();

    /** What results of this rule can carry: the score, threadguard's severity, the site, and the rule's evidence. */
    static Collection<TypedResult<?>> declared(Rule rule) {
        List<TypedResult<?>> out = new ArrayList<>(List.of(TypedResult.SCORE, SEVERITY, LOCATION, FINDINGS));
        for (Evidence e : evidence(rule)) {
            out.add(attribute(e));
        }
        return out;
    }

    /** The rule class's evidence constants: its typed result attributes. */
    static List<Evidence> evidence(Rule rule) {
        List<Evidence> out = new ArrayList<>();
        for (Field f : rule.getClass().getFields()) {
            if (f.getType() == Evidence.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    out.add((Evidence) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static TypedResult<IQuantity> attribute(Evidence e) {
        return ATTRIBUTES.computeIfAbsent(e, x -> new TypedResult<>(x.name(), x.name(),
                x.description() + " (" + x.unit().label() + ")",
                x.unit() == Unit.SHARE ? UnitLookup.PERCENTAGE : x.unit() == Unit.SECONDS ? UnitLookup.TIMESPAN
                        : UnitLookup.NUMBER, IQuantity.class));
    }

    static IQuantity quantity(Unit unit, Number n) {
        return switch (unit) {
            case SHARE -> UnitLookup.PERCENT_UNITY.quantity(n.doubleValue());
            case SECONDS -> UnitLookup.SECOND.quantity(n.doubleValue());
            default -> n instanceof Double || n instanceof Float ? UnitLookup.NUMBER_UNITY.quantity(n.doubleValue())
                    : UnitLookup.NUMBER_UNITY.quantity(n.longValue());
        };
    }

    static double score(dev.threadguard.analyzer.rules.Severity s) {
        return switch (s) {
            case CRITICAL -> 100;
            case WARNING -> 75;
            case INFO -> 25;
        };
    }

    static IResult of(ResultBuilder b, Rule rule, List<Finding> findings) {
        if (findings.isEmpty()) {
            return b.setSeverity(Severity.OK).addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(0))
                    .addResult(FINDINGS, UnitLookup.NUMBER_UNITY.quantity(0))
                    .setSummary("Nothing found: threadguard looked for " + rule.description() + ".").build();
        }
        Finding top = findings.get(0); // most severe first
        double score = score(top.severity());
        b.setSeverity(Severity.get(score)).addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score))
                .addResult(SEVERITY, top.severity().label()).addResult(LOCATION, top.location())
                .addResult(FINDINGS, UnitLookup.NUMBER_UNITY.quantity(findings.size()));
        for (Map.Entry<Evidence, Number> e : top.attributes().entrySet()) {
            b.addResult(attribute(e.getKey()), quantity(e.getKey().unit(), e.getValue()));
        }
        StringBuilder explanation = new StringBuilder();
        StringBuilder solution = new StringBuilder();
        for (Finding f : findings) {
            String sep = explanation.length() == 0 ? "" : "\n\n";
            explanation.append(sep).append(findings.size() > 1 ? f.severity().label().toUpperCase(Locale.ROOT) + ": " : "")
                    .append(f.message());
            if (!f.location().isEmpty()) {
                explanation.append(" At ").append(f.location()).append('.');
            }
            if (!f.recommendation().isEmpty()) {
                solution.append(solution.length() == 0 ? "" : "\n\n").append(capitalized(f.recommendation()));
            }
        }
        String summary = (top.severity() == dev.threadguard.analyzer.rules.Severity.CRITICAL ? "Critical: " : "")
                + top.title() + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more)" : "");
        return b.setSummary(summary).setExplanation(explanation.toString()).setSolution(solution.toString()).build();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
    }
}
