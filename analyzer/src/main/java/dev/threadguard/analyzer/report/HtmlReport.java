package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.report.html.Html;
import dev.threadguard.analyzer.report.html.SvgChart;
import dev.threadguard.analyzer.rules.Fmt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One self-contained page (no script, nothing fetched: the CSP forbids both): findings first with their
 * evidence, site, fix and the chart of their pools; then threads and CPU over time, the pools table, each
 * active pool's workers over time, the spawn tree and the host. Fits 1400 px, dark on light, prints.
 */
public final class HtmlReport implements Renderer {
    static final int NAME = 46;
    static final int MAX_POOL_CHARTS = 12;
    static final int MAX_ROWS = 200;

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String description() {
        return "one self-contained page with charts";
    }

    @Override
    public void render(ReportView v, PrintWriter out) {
        Html h = new Html(out);
        h.doctype().open("html", "lang", "en").open("head");
        h.empty("meta", "charset", "utf-8");
        h.empty("meta", "http-equiv", "Content-Security-Policy",
                "content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.el("title", "threadguard: " + v.headline());
        h.style(HtmlStyle.CSS + SvgChart.CSS);
        h.close("head").newline().open("body").open("main");
        header(h, v);
        findings(h, v);
        new HtmlSections(h, v, xMax(v)).rest();
        h.finish();
    }

    static double xMax(ReportView v) {
        double m = 0;
        for (ProcessView p : v.processes) {
            if (p.model.end != null) {
                m = Math.max(m, (p.model.end.toEpochMilli() - v.startMillis) / 1000.0);
            }
        }
        return m;
    }

    private static void header(Html h, ReportView v) {
        h.open("header").el("h1", "threadguard report");
        h.el("p", v.headline(), "class", v.findings.isEmpty() ? "headline ok" : "headline");
        h.open("ul", "class", "sources");
        for (ProcessView p : v.processes) {
            h.open("li").el("b", p.source).text(": " + p.summary()).close();
        }
        h.close("ul");
        for (String w : v.warnings) {
            h.el("p", "warning: " + w, "class", "warn");
        }
        h.close("header").newline();
    }

    private static void findings(Html h, ReportView v) {
        h.open("section", "id", "findings");
        if (v.findings.isEmpty()) {
            h.el("p", "No pool or thread count the rules can see is past what the work or the machine needs.");
        }
        for (FindingView f : v.findings) {
            h.open("article", "class", "finding " + f.severity());
            h.open("div", "class", "fhead").el("span", f.severity(), "class", "badge " + f.severity())
                    .el("code", f.rule(), "class", "rule").close();
            h.el("h2", f.title());
            h.el("p", f.message(), "class", "msg");
            h.open("div", "class", "fbody").open("div", "class", "facts");
            h.el("h3", "Fix");
            h.el("p", f.recommendation(), "class", "fix");
            if (!f.location().isEmpty()) {
                h.el("h3", "Where");
                h.open("p").el("code", f.location()).close();
            }
            h.el("h3", "Evidence");
            h.open("table", "class", "evidence");
            for (FindingView.EvidenceRow e : f.evidenceRows()) {
                h.open("tr", "title", e.name()).el("td", e.value(), "class", "num").el("td", e.description()).close("tr");
            }
            h.close("table").close("div");
            if (f.chart() != null && !f.chart().isEmpty()) {
                h.open("figure", "class", "fchart");
                SvgChart.draw(h, f.chart(), 560, 250, xMax(v));
                h.el("figcaption", caption(f), "title", String.join(", ", f.pools().stream().map(r -> r.name).toList()));
                h.close("figure");
            }
            h.close("div").close("article").newline();
        }
        List<RuleStatus> skipped = v.skippedRules();
        List<String> ids = new ArrayList<>();
        v.needingAgent().forEach(r -> ids.add(r.rule()));
        if (!ids.isEmpty()) {
            h.el("p", "Not evaluated, they need the threadguard agent's events (-javaagent:threadguard.jar): "
                    + String.join(", ", ids) + ".", "class", "skipped");
        }
        for (RuleStatus r : v.skippedWithAgent()) {
            h.el("p", "Not evaluated: " + r.rule() + " (" + r.reason() + ").", "class", "skipped");
        }
        h.open("details", "class", "rules").el("summary", "Rules: " + (v.rules.size() - skipped.size()) + " ran, "
                + skipped.size() + " skipped");
        h.open("table", "class", "rules").open("tr").el("th", "rule").el("th", "status").el("th", "findings")
                .el("th", "looks for").close();
        for (RuleStatus r : v.rules) {
            h.open("tr").open("td").el("code", r.rule()).close().el("td", r.ran() ? "ran" : "skipped: " + r.reason())
                    .el("td", Integer.toString(r.findings()), "class", "num").el("td", r.description()).close();
        }
        h.close("table").close("details").close("section").newline();
    }

    private static String caption(FindingView f) {
        int n = f.pools().stream().mapToInt(PoolRow::count).sum();
        PoolRow first = f.pools().get(0);
        return n == 1 ? first.name : n + " pools" + (f.pools().size() == 1 ? " like " + first.name : ", added up");
    }

    /** A number cell: "-" for unknown. */
    static String num(double d) {
        return Double.isNaN(d) ? "-" : Fmt.num(Fmt.round(d, 1));
    }
}
