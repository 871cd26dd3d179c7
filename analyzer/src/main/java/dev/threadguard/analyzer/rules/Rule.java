package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import java.util.List;

/**
 * One rule: stateless, evaluates the model built from the recordings. Declares the events it needs and
 * whether it needs the threadguard agent's events (a plain JDK recording cannot feed it).
 */
public interface Rule {
    /** Stable id, used on the command line, in JSON and in docs/rules.md. */
    String id();

    /** What the rule looks for, one line. */
    String description();

    /** Events the rule reads (through the model). */
    List<String> events();

    /** True when the rule needs events only the threadguard agent writes. */
    boolean needsAgent();

    List<Threshold> thresholds();

    List<Finding> evaluate(Model model, Thresholds thresholds);
}
