package dev.threadguard.analyzer.rules;

/** What happened to one rule on one analysis: ran (with how many findings) or skipped, and why. */
public record RuleResult(String rule, Status status, String reason, int findings) {
    public enum Status {
        RAN, SKIPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean ran() {
        return status == Status.RAN;
    }
}
