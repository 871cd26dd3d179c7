package dev.threadguard.analyzer.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The thresholds in force: every rule's defaults, with overrides given as {@code rule-id.name=value}. */
public final class Thresholds {
    private final Map<String, Threshold> byKey = new LinkedHashMap<>();
    private final Map<Threshold, Double> values = new HashMap<>();

    public static Thresholds defaults(List<Rule> rules) {
        Thresholds t = new Thresholds();
        for (Rule r : rules) {
            for (Threshold th : r.thresholds()) {
                t.byKey.put(key(r, th), th);
                t.values.put(th, th.defaultValue());
            }
        }
        return t;
    }

    public static String key(Rule r, Threshold th) {
        return r.id() + "." + th.name();
    }

    /** Applies {@code rule-id.name=value}; throws IllegalArgumentException with a one-line reason. */
    public Thresholds override(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("threshold '" + assignment + "' is not rule-id.name=value");
        }
        String key = assignment.substring(0, eq).trim();
        String v = assignment.substring(eq + 1).trim();
        Threshold th = byKey.get(key);
        if (th == null) {
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
        values.put(th, d);
        return this;
    }

    /** True when a rule of this set has the threshold (a rule may ask whether another rule runs). */
    public boolean has(Threshold th) {
        return values.containsKey(th);
    }

    /** The value in force; a threshold of no rule in the set is a programming error. */
    public double get(Threshold th) {
        Double d = values.get(th);
        if (d == null) {
            throw new IllegalStateException("threshold " + th.name() + " belongs to no rule of this set");
        }
        return d;
    }
}
