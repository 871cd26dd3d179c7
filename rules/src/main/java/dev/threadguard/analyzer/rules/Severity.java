package dev.threadguard.analyzer.rules;

import java.util.Locale;

/** How bad a finding is; ordered from least to most severe. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.label().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + s + "' (info, warning or critical)");
    }
}
