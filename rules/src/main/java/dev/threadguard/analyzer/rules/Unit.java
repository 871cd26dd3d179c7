package dev.threadguard.analyzer.rules;

/** What a threshold or an evidence number counts, in the words docs/rules.md and the reports use. */
public enum Unit {
    COUNT("count"),
    THREADS("threads"),
    PROCESSORS("processors"),
    /** CPU time as cores used on average (1.0 = one core busy the whole time). */
    CORES("cores"),
    /** A fraction from 0 to 1 (0.61 = 61%). */
    SHARE("share, 0..1"),
    /** A multiple of something (1.25 = 25% over). */
    FACTOR("factor"),
    SECONDS("seconds"),
    PER_SECOND("per second"),
    PER_MINUTE("per minute"),
    TASKS("tasks");

    private final String label;

    Unit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
