package dev.threadguard.analyzer.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One problem found: the rule, how severe, a one-line title, a message with the numbers, the evidence as
 * typed named numbers, where in the code (a creation site) and a one-line concrete fix.
 */
public record Finding(String rule, Severity severity, String title, String message,
        Map<Evidence, Number> attributes, String location, String recommendation) {

    public Finding {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        location = location == null ? "" : location;
    }

    /** The evidence by name, in the order the rule gave it (what the renderers print). */
    public Map<String, Number> evidence() {
        Map<String, Number> m = new LinkedHashMap<>();
        attributes.forEach((k, v) -> m.put(k.name(), v));
        return Collections.unmodifiableMap(m);
    }

    /** One evidence value, null when the finding does not carry it. */
    public Number get(Evidence e) {
        return attributes.get(e);
    }

    /** Builder that keeps evidence in insertion order. */
    public static final class Builder {
        private final String rule;
        private Severity severity = Severity.WARNING;
        private String title = "";
        private String message = "";
        private final Map<Evidence, Number> evidence = new LinkedHashMap<>();
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

        /** Adds a number; NaN and infinities (not measured) are left out. */
        public Builder evidence(Evidence name, Number value) {
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
