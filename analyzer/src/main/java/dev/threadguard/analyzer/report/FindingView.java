package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.rules.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finding as shown: the rule's finding, where in the code (parsed from its location: class, file, line,
 * and the file under {@code --source-root} when found), the pool rows it is about and their chart (added
 * up over time against the processors; null when the finding is about no pool).
 */
public record FindingView(Finding finding, Optional<SourceLocation> site, Optional<String> sourceFile,
        List<PoolRow> pools, Chart chart) {

    public String rule() {
        return finding.rule();
    }

    public String severity() {
        return finding.severity().label();
    }

    public String title() {
        return Names.visible(finding.title());
    }

    public String message() {
        return Names.visible(finding.message());
    }

    public String location() {
        return Names.visible(finding.location());
    }

    public String recommendation() {
        return Names.visible(finding.recommendation());
    }

    public Map<String, Number> evidence() {
        return finding.evidence();
    }

    /** The path a code-scanning tool should open: the file found under the source root, else the package path. */
    public Optional<String> path() {
        return sourceFile.or(() -> site.map(SourceLocation::relativePath));
    }

    /** One evidence number for people: its value in its unit, what it means, and its JSON name. */
    public record EvidenceRow(String name, String value, String description) {}

    public List<EvidenceRow> evidenceRows() {
        List<EvidenceRow> rows = new java.util.ArrayList<>();
        finding.attributes().forEach((e, n) -> rows.add(new EvidenceRow(e.name(), value(n, e.unit()),
                e.description().isEmpty() ? e.name() : e.description())));
        return rows;
    }

    /** A value in its unit: shares as percentages, factors with x, cores, seconds and rates with theirs. */
    public static String value(Number n, dev.threadguard.analyzer.rules.Unit unit) {
        double d = n.doubleValue();
        return switch (unit) {
            case SHARE -> dev.threadguard.analyzer.rules.Fmt.pct(d);
            case FACTOR -> dev.threadguard.analyzer.rules.Fmt.num(d) + "x";
            case CORES -> dev.threadguard.analyzer.rules.Fmt.num(d) + (d == 1 ? " core" : " cores");
            case SECONDS -> dev.threadguard.analyzer.rules.Fmt.num(d) + " s";
            case PER_SECOND -> dev.threadguard.analyzer.rules.Fmt.num(d) + " /s";
            case PER_MINUTE -> dev.threadguard.analyzer.rules.Fmt.num(d) + " /min";
            default -> value(n);
        };
    }

    /** An evidence value for people: whole numbers plainly, Integer.MAX_VALUE as unbounded. */
    public static String value(Number n) {
        double d = n.doubleValue();
        if (d >= Integer.MAX_VALUE && (n instanceof Integer || n instanceof Long)) {
            return "unbounded";
        }
        return dev.threadguard.analyzer.rules.Fmt.num(d);
    }
}
