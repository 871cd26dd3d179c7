package dev.threadguard.analyzer.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The thresholds in force: every rule's defaults, with overrides given as {@code rule-id.name=value}. */
public final class Thresholds {
    private final Map<String, Double> values = new HashMap<>();

    public static Thresholds defaults(List<Rule> rules) {
        Thresholds t = new Thresholds();
        for (Rule r : rules) {
            for (Threshold th : r.thresholds()) {
                t.values.put(r.id() + "." + th.name(), th.defaultValue());
            }
        }
        return t;
    }

    /** Applies {@code rule-id.name=value}; throws IllegalArgumentException with a one-line reason. */
    public Thresholds override(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("threshold '" + assignment + "' is not rule-id.name=value");
        }
        String key = assignment.substring(0, eq).trim();
        String v = assignment.substring(eq + 1).trim();
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("unknown threshold '" + key + "' (see docs/rules.md or 'rules')");
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold '" + key + "' needs a number, not '" + v + "'");
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
            throw new IllegalArgumentException("threshold '" + key + "' must be a finite number >= 0");
        }
        values.put(key, d);
        return this;
    }

    public double get(Rule rule, String name) {
        Double d = values.get(rule.id() + "." + name);
        if (d == null) {
            throw new IllegalStateException("rule " + rule.id() + " has no threshold " + name);
        }
        return d;
    }
}
