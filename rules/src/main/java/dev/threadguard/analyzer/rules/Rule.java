package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One rule: stateless, evaluates the model built from the recordings. Declares the events it cannot do
 * without ({@link #requires}); the framework checks them against the recording and skips the rule with
 * the reason when they are missing, so {@link #evaluate} only runs where it can judge.
 */
public interface Rule {
    /** Stable id, used on the command line, in JSON and in docs/rules.md. */
    String id();

    /** What the rule looks for, one line. */
    String description();

    /** Event groups the recording must hold (each: at least one event of one of its types). */
    List<Requires> requires();

    /** Events the rule also reads through the model when they are there. */
    default List<String> optionalEvents() {
        return List.of();
    }

    /** Every event type the rule reads: required, then optional. */
    default List<String> events() {
        Set<String> all = new LinkedHashSet<>();
        for (Requires r : requires()) {
            all.addAll(r.anyOf());
        }
        all.addAll(optionalEvents());
        return List.copyOf(all);
    }

    /** True when some required event is written only by the threadguard agent. */
    default boolean needsAgent() {
        return requires().stream().anyMatch(Requires::agentOnly);
    }

    List<Threshold> thresholds();

    /**
     * Why this recording, though it has the required events, cannot be judged by the rule (for example no
     * OS measurements in it); null when it can. The rule is then reported as skipped with this reason.
     */
    default String notApplicable(Model model) {
        return null;
    }

    List<Finding> evaluate(Model model, Thresholds thresholds);
}
