package dev.threadguard.analyzer.report;

/** Whether a rule ran on these recordings ("ran" or "skipped"), why not if it did not, and its findings. */
public record RuleStatus(String rule, String description, String status, String reason, int findings) {
    public boolean ran() {
        return status.equals("ran");
    }
}
