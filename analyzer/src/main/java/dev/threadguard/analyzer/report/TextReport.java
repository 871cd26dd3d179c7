package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.rules.Fmt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default report: 80 columns, most severe finding first, then pools, threads and host facts. Names are
 * cut to their shortest unique form; every line goes through {@link TextOut}, which escapes control
 * characters whatever the caller passed.
 */
public final class TextReport implements Renderer {
    public static final int WIDTH = 80;
    static final int MAX_ROWS = 30;
    static final int MAX_UNUSED = 12;
    private static final int SITE = 18;

    @Override
    public String format() {
        return "text";
    }

    @Override
    public String description() {
        return "80 columns for a terminal (default)";
    }

    @Override
    public void render(ReportView v, PrintWriter pw) {
        TextOut out = new TextOut(pw, WIDTH);
        out.line("threadguard report");
        for (ProcessView p : v.processes) {
            out.wrap("  " + (v.multiProcess() ? (p.index + 1) + " " : "") + p.source + ": " + p.summary(), "    ");
        }
        for (String w : v.warnings) {
            out.wrap("warning: " + w, "  ");
        }
        out.blank();
        out.line(v.headline());
        for (FindingView f : v.findings) {
            out.blank();
            out.line(String.format(Locale.ROOT, "%-9s %s", f.severity().toUpperCase(Locale.ROOT), f.rule()));
            out.wrap("  " + f.title(), "  ");
            out.wrap("  " + f.message(), "  ");
            StringBuilder ev = new StringBuilder();
            for (Map.Entry<String, Number> e : f.evidence().entrySet()) {
                ev.append(ev.length() > 0 ? ", " : "").append(e.getKey()).append(' ').append(FindingView.value(e.getValue()));
            }
            out.wrap("  evidence: " + ev, "            ");
            if (!f.location().isEmpty()) {
                out.wrap("  at:  " + f.location(), "       ");
            }
            out.wrap("  fix: " + f.recommendation(), "       ");
        }
        List<RuleStatus> needAgent = v.needingAgent();
        if (!needAgent.isEmpty()) {
            out.blank();
            out.wrap("Not evaluated, they need the threadguard agent's events (-javaagent:threadguard.jar): "
                    + String.join(", ", needAgent.stream().map(RuleStatus::rule).toList()) + ".", "");
        }
        for (RuleStatus r : v.skippedWithAgent()) {
            out.wrap("Not evaluated: " + r.rule() + " (" + r.reason() + ").", "  ");
        }
        whatIf(v.analysis, out);
        pools(v, out);
        threads(v, out);
        host(v, out);
        pw.flush();
    }

    /** report --cores N: which pools the projection grew, and by how much. */
    private static void whatIf(Analysis a, TextOut out) {
        if (a.whatIfProcessors <= 0) {
            return;
        }
        out.blank();
        out.wrap("What if " + a.whatIfProcessors + " processors: every pool sized from availableProcessors() projected,"
                + " the measured work kept. " + (a.whatIf.isEmpty() ? "No pool's size follows the processors."
                : a.whatIf.size() + " pool(s) change:"), "");
        for (dev.threadguard.analyzer.model.WhatIf.Change c : a.whatIf) {
            out.wrap("  " + c.pool() + ": " + c.from() + " -> " + c.to() + " workers ("
                    + dev.threadguard.analyzer.rules.Fmt.relation(c.relation()) + ")"
                    + (c.site().isEmpty() ? "" : " at " + c.site()), "    ");
        }
    }

    private static void pools(ReportView v, TextOut out) {
        if (v.pools.isEmpty() && v.unusedPools.isEmpty()) {
            return;
        }
        out.blank();
        out.line("Pools (conf = configured size, made = threads made, peak/mean = busy workers:");
        out.line("threads and event loops are busy when the OS saw them want a CPU; idle = mean");
        out.line("idle workers, cpu = CPU share of a busy worker; Nx = N pools from one site,");
        out.line("numbers per pool)");
        boolean multi = v.multiProcess();
        int nameWidth = WIDTH - 56 - (multi ? 2 : 0);
        List<PoolRow> rows = v.pools.size() > MAX_ROWS ? v.pools.subList(0, MAX_ROWS) : v.pools;
        List<String> names = new ArrayList<>();
        for (PoolRow r : rows) {
            names.add((multi ? r.process + "\u0000" : "") + (r.count() > 1 ? r.count() + "x " : "") + r.name);
        }
        List<String> shown = Names.shortest(names.stream().map(n -> n.substring(n.indexOf('\u0000') + 1)).toList(),
                nameWidth);
        Map<String, String> sites = Names.shortestMap(rows.stream().map(r -> r.siteShort).toList(), SITE, true);
        String fmt = (multi ? "%-1s " : "%s") + "%-" + nameWidth + "s %-" + SITE + "s %9s %4s %4s %5s %5s %4s";
        if (!rows.isEmpty()) {
            out.line(String.format(Locale.ROOT, fmt, multi ? "#" : "", "name", "creation site", "conf", "made", "peak",
                    "mean", "idle", "cpu"));
        }
        for (int i = 0; i < rows.size(); i++) {
            PoolRow r = rows.get(i);
            boolean sampled = r.samples() > 0;
            out.line(String.format(Locale.ROOT, fmt, multi ? Integer.toString(r.process + 1) : "", shown.get(i),
                    r.siteShort.isEmpty() ? "-" : sites.get(r.siteShort), conf(r), Integer.toString(r.made()),
                    sampled ? Integer.toString(r.peakBusy()) : "-", sampled ? Fmt.num(Fmt.round(r.meanBusy(), 1)) : "-",
                    sampled ? Fmt.num(Fmt.round(r.meanIdle(), 1)) : "-", Fmt.pct(r.cpuPerBusyWorker())));
        }
        if (v.pools.size() > rows.size()) {
            int more = 0;
            for (PoolRow r : v.pools.subList(rows.size(), v.pools.size())) {
                more += r.count();
            }
            out.line("  ... and " + more + " more pools (--format html or json lists them all)");
        }
        if (!v.unusedPools.isEmpty()) {
            List<String> unused = new ArrayList<>();
            int n = 0;
            for (PoolRow r : v.unusedPools) {
                n += r.count();
                if (unused.size() < MAX_UNUSED) {
                    unused.add((multi ? (r.process + 1) + ":" : "") + (r.count() > 1 ? r.count() + "x " : "") + r.name);
                }
            }
            int rest = v.unusedPools.size() - unused.size();
            out.wrap("  unused (" + n + ", never started a thread): " + String.join(", ", unused)
                    + (rest > 0 ? " and " + rest + " more" : ""), "    ");
        }
    }

    static String conf(PoolRow r) {
        if (r.unbounded()) {
            return "unbounded";
        }
        return r.configured() > 0 ? Integer.toString(r.configured()) : "-";
    }

    private static void threads(ReportView v, TextOut out) {
        out.blank();
        out.line("Threads");
        for (ProcessView p : v.processes) {
            String prefix = v.multiProcess() ? "  " + (p.index + 1) + " " + p.label + ": " : "  ";
            List<String> parts = new ArrayList<>();
            for (ProcessView.Fact f : p.threads) {
                parts.add(f.label() + " " + f.value());
            }
            out.wrap(prefix + (parts.isEmpty() ? "no thread statistics recorded" : String.join(", ", parts)), "    ");
            if (!p.edges.isEmpty()) {
                out.line(prefix + "spawn tree (parent -> child):");
                int n = 0;
                for (SpawnTree.Edge e : p.edges) {
                    if (n++ == 12) {
                        out.line("    ... " + (p.edges.size() - 12) + " more");
                        break;
                    }
                    String w = (e.count() > 1 ? "  (" + e.count() + ")" : "")
                            + (e.product().isEmpty() ? "" : "  [" + e.product() + "]");
                    out.wrap("    " + Names.visible(e.outer()) + " -" + e.how() + "-> " + Names.visible(e.inner()) + w,
                            "      ");
                }
            }
        }
    }

    /** Facts every recording shares (one host) once; the others per recording; the census's worker processes. */
    private static void host(ReportView v, TextOut out) {
        out.blank();
        out.line("Host");
        for (ProcessView.Fact f : v.host.facts) {
            out.wrap("  " + f.label() + ": " + f.value(), "    ");
        }
        for (HostCensusView.Row r : v.host.workers) {
            out.wrap("  worker processes: " + r.processes() + " x " + r.program() + " (" + r.runtime() + ") x "
                    + r.threadsPerProcess() + " threads = " + r.threads() + " threads; CPU " + r.cpuSeconds()
                    + " s, waited for a CPU " + r.waitSeconds() + " s (" + r.waitShare() + ")", "    ");
        }
        java.util.Map<String, java.util.Set<String>> values = new java.util.LinkedHashMap<>();
        for (ProcessView p : v.processes) {
            for (ProcessView.Fact f : p.host) {
                values.computeIfAbsent(f.label(), k -> new java.util.HashSet<>()).add(f.value());
            }
        }
        for (ProcessView p : v.processes) {
            String prefix = v.multiProcess() ? "  " + (p.index + 1) + " " + p.label + ": " : "  ";
            for (ProcessView.Fact f : p.host) {
                boolean shared = v.multiProcess() && values.get(f.label()).size() == 1
                        && v.processes.stream().allMatch(o -> o.host.stream().anyMatch(x -> x.label().equals(f.label())));
                if (shared && p.index != v.processes.get(0).index) {
                    continue;
                }
                out.wrap((shared ? "  " : prefix) + f.label() + (f.label().startsWith("-XX:") ? "=" : ": ") + f.value(),
                        "    ");
            }
        }
    }
}
