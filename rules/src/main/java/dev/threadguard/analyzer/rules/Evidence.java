package dev.threadguard.analyzer.rules;

/**
 * One named number a finding carries (a JMC result attribute), declared as a constant of the rule:
 * {@code b.evidence(PEAK_BUSY, 4)}. Its name is the key in the JSON report's {@code evidence} object.
 */
public record Evidence(String name, Unit unit, String description) {
    public static Evidence of(String name, Unit unit, String description) {
        return new Evidence(name, unit, description);
    }
}
