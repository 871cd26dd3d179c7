package dev.threadguard.events.live;

/**
 * A finding of the analyzer's rules that holds now in this JVM (agent option warn=), as metrics
 * readers see it. JDK types only: the rules run in a class loader of their own.
 */
public final class FindingView {
    /** The rule's stable id, e.g. {@code nested-parallelism}. */
    public final String rule;
    /** critical, warning or info. */
    public final String severity;
    public final String title;
    /** Where the cause is (a creation site), "" when the finding has none. */
    public final String location;

    public FindingView(String rule, String severity, String title, String location) {
        this.rule = rule;
        this.severity = severity;
        this.title = title;
        this.location = location;
    }
}
