package dev.threadguard.analyzer.rules;

/** A named, documented, overridable number a rule compares against. Key on the command line: rule-id.name. */
public record Threshold(String name, double defaultValue, String description) {}
