package dev.threadguard.analyzer.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One problem found: the rule, how severe, a one-line title, a message with the numbers, the evidence as
 * named numbers, where in the code (a creation site) and a one-line concrete fix.
 */
public record Finding(String rule, Severity severity, String title, String message, Map<String, Number> evidence,
        String location, String recommendation) {

    public Finding {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        location = location == null ? "" : location;
    }

    /** Builder that keeps evidence in insertion order. */
    public static final class Builder {
        private final String rule;
        private Severity severity = Severity.WARNING;
        private String title = "";
        private String message = "";
        private final Map<String, Number> evidence = new LinkedHashMap<>();
        private String location = "";
        private String recommendation = "";

        public Builder(String rule) {
            this.rule = rule;
        }

        public Builder severity(Severity s) {
            severity = s;
            return this;
        }

        public Builder title(String t) {
            title = t;
            return this;
        }

        public Builder message(String m) {
            message = m;
            return this;
        }

        public Builder evidence(String name, Number value) {
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return this;
            }
            evidence.put(name, value);
            return this;
        }

        public Builder location(String l) {
            location = l;
            return this;
        }

        public Builder recommendation(String r) {
            recommendation = r;
            return this;
        }

        public Finding build() {
            return new Finding(rule, severity, title, message, evidence, location, recommendation);
        }
    }
}
