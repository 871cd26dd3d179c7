package dev.threadguard.events;

/**
 * How a pool's size relates to the processor count n (PoolCreated.processorRelation): the agent
 * records it, the analyzer projects it onto another machine (what-if). One definition for both.
 */
public final class ProcessorRelation {
    private ProcessorRelation() {}

    /** n, 2n, n-1, n+1, n/2, or "" (sizes below 2 say nothing). */
    public static String of(int size, int n) {
        if (size < 2 || n < 2) {
            return "";
        }
        if (size == n) {
            return "n";
        }
        if (size == 2 * n) {
            return "2n";
        }
        if (size == n - 1) {
            return "n-1";
        }
        if (size == n + 1) {
            return "n+1";
        }
        if (size == n / 2) {
            return "n/2";
        }
        return "";
    }

    /** The size a pool with this relation gets on n processors; -1 for an empty or unknown relation. */
    public static int size(String relation, int n) {
        switch (relation == null ? "" : relation) {
            case "n": return n;
            case "2n": return 2 * n;
            case "n-1": return Math.max(1, n - 1);
            case "n+1": return n + 1;
            case "n/2": return Math.max(1, n / 2);
            default: return -1;
        }
    }
}
