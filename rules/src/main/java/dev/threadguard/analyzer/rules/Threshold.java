package dev.threadguard.analyzer.rules;

/**
 * A named, documented, overridable number a rule compares against, declared as a constant of the rule
 * and read as {@code t.get(MAX_BUSY_RATIO)}. On the command line: {@code --threshold rule-id.name=value}.
 */
public record Threshold(String name, Unit unit, double defaultValue, String description) {}
