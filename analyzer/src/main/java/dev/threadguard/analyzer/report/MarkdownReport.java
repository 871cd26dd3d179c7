package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.rules.Fmt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compact summary for a pull-request comment or a CI job summary (GitHub-flavoured Markdown): one table
 * row per finding, details and fixes folded, the busiest pools. Names are escaped so that they stay text.
 */
public final class MarkdownReport implements Renderer {
    static final int MAX_POOLS = 8;

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public String description() {
        return "a summary for a pull-request comment or CI job summary";
    }

    @Override
    public void render(ReportView v, PrintWriter out) {
        out.println("### threadguard: " + (v.findings.isEmpty() ? "no findings" : md(v.headline())));
        out.println();
        List<String> sources = new ArrayList<>();
        for (ProcessView p : v.processes) {
            sources.add(code(p.source) + " " + md(p.summary()));
        }
        out.println(String.join(" · ", sources));
        out.println();
        if (!v.findings.isEmpty()) {
            out.println("| severity | rule | finding | where |");
            out.println("|---|---|---|---|");
            for (FindingView f : v.findings) {
                String where = f.site().map(s -> code(s.file() + (s.line() > 0 ? ":" + s.line() : "")))
                        .orElse(f.location().isEmpty() ? "" : code(f.location()));
                out.println("| " + icon(f) + " **" + f.severity() + "** | " + code(f.rule()) + " | " + md(f.title())
                        + " | " + where + " |");
            }
            out.println();
            out.println("<details><summary>Details and fixes</summary>");
            out.println();
            for (FindingView f : v.findings) {
                out.println("#### " + icon(f) + " " + md(f.title()));
                out.println();
                out.println(md(f.message()));
                out.println();
                out.println("**Fix:** " + md(f.recommendation()));
                out.println();
                if (!f.location().isEmpty()) {
                    out.println("**At:** " + code(f.location()));
                    out.println();
                }
                List<String> ev = new ArrayList<>();
                for (FindingView.EvidenceRow e : f.evidenceRows()) {
                    ev.add(md(e.name()) + " " + md(e.value()));
                }
                out.println("**Evidence:** " + String.join(" · ", ev));
                out.println();
            }
            out.println("</details>");
            out.println();
        }
        pools(v, out);
        List<RuleStatus> skipped = v.skippedRules();
        if (!skipped.isEmpty()) {
            List<String> why = new ArrayList<>();
            skipped.forEach(r -> why.add(code(r.rule()) + " (" + md(r.reason()) + ")"));
            out.println("Not evaluated: " + String.join(", ", why) + ".");
            out.println();
        }
        out.flush();
    }

    private static void pools(ReportView v, PrintWriter out) {
        if (v.pools.isEmpty()) {
            return;
        }
        List<PoolRow> rows = v.pools.subList(0, Math.min(MAX_POOLS, v.pools.size()));
        Map<String, String> names = Names.shortestMap(rows.stream().map(r -> r.name).toList(), 48);
        out.println("| pool" + (v.multiProcess() ? " | process" : "") + " | configured | threads | peak busy | mean busy |");
        out.println("|---" + (v.multiProcess() ? "|---" : "") + "|--:|--:|--:|--:|");
        for (PoolRow r : rows) {
            out.println("| " + (r.count() > 1 ? r.count() + "× " : "") + code(names.get(r.name))
                    + (v.multiProcess() ? " | " + md(v.process(r.process).label) : "") + " | " + TextReport.conf(r)
                    + " | " + r.made() + " | " + (r.samples() > 0 ? r.peakBusy() : "-") + " | "
                    + (r.samples() > 0 ? Fmt.num(Fmt.round(r.meanBusy(), 1)) : "-") + " |");
        }
        int more = v.pools.size() - rows.size();
        int unused = v.unusedPools.stream().mapToInt(PoolRow::count).sum();
        if (more > 0 || unused > 0) {
            out.println();
            out.println((more > 0 ? more + " more pool rows" : "") + (more > 0 && unused > 0 ? ", " : "")
                    + (unused > 0 ? unused + " unused pool" + (unused == 1 ? "" : "s") : "") + " (see `--format html`).");
        }
        out.println();
    }

    private static String icon(FindingView f) {
        return switch (f.finding().severity()) {
            case CRITICAL -> "\uD83D\uDD34";
            case WARNING -> "\uD83D\uDFE0";
            default -> "\uD83D\uDD35";
        };
    }

    /** Text that Markdown and the HTML inside it leave as text. */
    static String md(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\r' -> sb.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '~' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A code span that holds any text: no backticks inside, table pipes escaped. */
    static String code(String s) {
        return "`" + s.replace('`', '\'').replace("|", "\\|").replace('\n', ' ') + "`";
    }
}
