package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.report.html.Html;
import dev.threadguard.analyzer.report.html.SvgChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The page below the findings: threads and CPU over time, pools, pool activity, spawn tree, host. */
final class HtmlSections {
    private static final int MAX_EDGES = 40;

    private final Html h;
    private final ReportView v;
    private final double xMax;

    HtmlSections(Html h, ReportView v, double xMax) {
        this.h = h;
        this.v = v;
        this.xMax = xMax;
    }

    void rest() {
        whatIf();
        threads();
        pools();
        poolCharts();
        spawnTree();
        host();
        h.open("footer").text("threadguard " + Analysis.VERSION + " \u00b7 " + v.processes.size() + " recording"
                + (v.processes.size() == 1 ? "" : "s") + " \u00b7 times in seconds since the first recording started")
                .close("footer");
    }

    /** report --cores N: the pools whose size follows the processors, at N. */
    private void whatIf() {
        Analysis a = v.analysis;
        if (a.whatIfProcessors <= 0) {
            return;
        }
        h.open("section", "id", "what-if").el("h2", "What if " + a.whatIfProcessors + " processors");
        h.el("p", "Every pool sized from availableProcessors() projected onto " + a.whatIfProcessors
                + " processors, the measured work kept; the findings above are of that projection. "
                + (a.whatIf.isEmpty() ? "No pool's size follows the processors." : ""), "class", "note");
        if (!a.whatIf.isEmpty()) {
            h.open("table", "class", "rules").open("tr");
            for (String c : List.of("pool", "workers as recorded", "workers at " + a.whatIfProcessors, "sized as",
                    "created at")) {
                h.el("th", c);
            }
            h.close("tr");
            for (dev.threadguard.analyzer.model.WhatIf.Change c : a.whatIf) {
                h.open("tr").el("td", Names.visible(c.pool()) + where(c.process()));
                cell(Integer.toString(c.from()));
                cell(Integer.toString(c.to()));
                h.el("td", dev.threadguard.analyzer.rules.Fmt.relation(c.relation()));
                h.open("td").el("code", Names.visible(c.site())).close("td").close("tr");
            }
            h.close("table");
        }
        h.close("section").newline();
    }

    private String where(int process) {
        return v.multiProcess() ? " [" + v.process(process).label + "]" : "";
    }

    private void threads() {
        h.open("section", "id", "threads").el("h2", "Threads and CPU over time");
        for (ProcessView p : v.processes) {
            if (p.charts.isEmpty()) {
                continue;
            }
            h.open("div", "class", "grid2");
            for (Chart c : p.charts) {
                h.open("figure");
                SvgChart.draw(h, c, 640, 240, xMax);
                h.el("figcaption", c.title() + where(p.index));
                h.close("figure");
            }
            h.close("div");
        }
        h.close("section").newline();
    }

    private void pools() {
        if (v.pools.isEmpty() && v.unusedPools.isEmpty()) {
            return;
        }
        boolean multi = v.multiProcess();
        h.open("section", "id", "pools").el("h2", "Pools");
        h.el("p", "One row per name and creation site; \u201c12\u00d7\u201d is 12 pools alike, with the numbers of one "
                + "pool: the largest size and peak, the mean over all of them. Hover a name for the whole of it.",
                "class", "note");
        List<PoolRow> rows = v.pools.size() > HtmlReport.MAX_ROWS ? v.pools.subList(0, HtmlReport.MAX_ROWS) : v.pools;
        h.open("table", "class", "pools");
        h.open("colgroup");
        if (multi) {
            h.empty("col", "class", "c-proc");
        }
        boolean os = rows.stream().anyMatch(r -> !Double.isNaN(r.meanWaitingForCpu()));
        List<String> cols = new ArrayList<>(List.of("c-name", "c-kind", "c-site", "c-conf", "c-n", "c-n", "c-n", "c-n",
                "c-n", "c-n"));
        if (os) {
            cols.add("c-n");
        }
        cols.add("c-sd");
        cols.forEach(c -> h.empty("col", "class", c));
        h.close("colgroup").open("thead").open("tr");
        if (multi) {
            h.el("th", "process");
        }
        h.el("th", "pool").el("th", "kind").el("th", "created at");
        for (String[] c : new String[][] {{"configured", "maximum size or parallelism"},
                {"threads made", "most threads alive"}, {"peak busy", "most workers running a task at once (threads, event loops: wanting a CPU, as the OS measured)"},
                {"mean busy", "busy workers, mean over the samples (threads, event loops: wanting a CPU)"}, {"mean idle", "idle workers, mean"},
                {"max queued", "longest queue seen"}, {"CPU per busy worker", "CPU share of a busy worker"}}) {
            h.el("th", c[0], "class", "num", "title", c[1]);
        }
        if (os) {
            h.el("th", "waiting for CPU", "class", "num", "title",
                    "workers ready to run but waiting in the run queue for a CPU, mean (what the OS measured)");
        }
        h.el("th", "state").close("tr").close("thead").open("tbody");
        Map<String, String> names = Names.shortestMap(rows.stream().map(r -> r.name).toList(),
                multi ? HtmlReport.NAME - 14 : HtmlReport.NAME);
        Map<String, String> sites = Names.shortestMap(rows.stream().map(r -> r.siteShort).toList(), 26, true);
        for (PoolRow r : rows) {
            h.open("tr");
            if (multi) {
                h.el("td", v.process(r.process).label, "title", v.process(r.process).source);
            }
            h.open("td", "title", r.name + (r.label.equals(r.name) ? "" : " \u2014 " + r.label)
                    + (r.count() > 1 ? " (" + r.count() + " pools)" : ""));
            if (r.count() > 1) {
                h.el("span", r.count() + "\u00d7 ", "class", "count");
            }
            h.text(names.get(r.name)).close("td");
            h.el("td", r.kindShort(), "title", r.kind);
            h.open("td", "title", r.site).el("code", r.siteShort.isEmpty() ? "-" : sites.get(r.siteShort)).close("td");
            boolean sampled = r.samples() > 0;
            cell(TextReport.conf(r));
            cell(Integer.toString(r.made()));
            cell(sampled ? Integer.toString(r.peakBusy()) : "-");
            cell(sampled ? HtmlReport.num(r.meanBusy()) : "-");
            cell(sampled ? HtmlReport.num(r.meanIdle()) : "-");
            cell(Long.toString(r.maxQueued()));
            cell(dev.threadguard.analyzer.rules.Fmt.pct(r.cpuPerBusyWorker()));
            if (os) {
                cell(HtmlReport.num(r.meanWaitingForCpu()));
            }
            h.el("td", r.shutdown());
            h.close("tr");
        }
        h.close("tbody").close("table");
        if (v.pools.size() > rows.size()) {
            h.el("p", (v.pools.size() - rows.size()) + " more rows in --format json.", "class", "note");
        }
        if (!v.unusedPools.isEmpty()) {
            int n = v.unusedPools.stream().mapToInt(PoolRow::count).sum();
            h.open("details").el("summary", n + " unused pool" + (n == 1 ? "" : "s")
                    + " (never started a thread or ran a task)").open("ul", "class", "unused");
            for (PoolRow r : v.unusedPools.subList(0, Math.min(HtmlReport.MAX_ROWS, v.unusedPools.size()))) {
                h.el("li", (r.count() > 1 ? r.count() + "\u00d7 " : "") + r.name + where(r.process)
                        + (r.site.isEmpty() ? "" : " \u2014 " + r.siteShort), "title", r.site);
            }
            h.close("ul");
            if (v.unusedPools.size() > HtmlReport.MAX_ROWS) {
                h.el("p", (v.unusedPools.size() - HtmlReport.MAX_ROWS) + " more in --format json.", "class", "note");
            }
            h.close("details");
        }
        h.close("section").newline();
    }

    private void cell(String s) {
        h.el("td", s, "class", "num");
    }

    private void poolCharts() {
        List<PoolRow> charted = new ArrayList<>();
        for (PoolRow r : v.pools) {
            if (active(r) && charted.size() < HtmlReport.MAX_POOL_CHARTS) {
                charted.add(r);
            }
        }
        if (charted.isEmpty()) {
            return;
        }
        h.open("section", "id", "activity").el("h2", "Pool activity: live and busy workers over time");
        h.open("div", "class", "grid3");
        Map<String, String> names = Names.shortestMap(charted.stream().map(r -> r.name).toList(), 48);
        for (PoolRow r : charted) {
            h.open("figure");
            SvgChart.draw(h, r.chart, 440, 220, xMax);
            h.el("figcaption", (r.count() > 1 ? r.count() + "\u00d7 " : "") + names.get(r.name) + where(r.process),
                    "title", r.name + " \u2014 " + r.site);
            h.close("figure");
        }
        h.close("div");
        int more = (int) v.pools.stream().filter(HtmlSections::active).count() - charted.size();
        h.el("p", (more > 0 ? more + " more active pools are in the table. " : "")
                + "Pools whose workers never ran a task are not charted.", "class", "note");
        h.close("section").newline();
    }

    /** Worth a chart: some worker ran a task. */
    private static boolean active(PoolRow r) {
        return r.chart != null && !r.chart.isEmpty() && r.peakBusy() > 0;
    }

    private void spawnTree() {
        boolean any = v.processes.stream().anyMatch(p -> !p.edges.isEmpty());
        if (!any) {
            return;
        }
        h.open("section", "id", "spawn").el("h2", "Spawn tree: who creates which pools and threads");
        for (ProcessView p : v.processes) {
            if (p.edges.isEmpty()) {
                continue;
            }
            if (v.multiProcess()) {
                h.el("h3", p.label, "title", p.source);
            }
            Map<String, List<SpawnTree.Edge>> byOuter = new LinkedHashMap<>();
            List<SpawnTree.Edge> shown = p.edges.subList(0, Math.min(MAX_EDGES, p.edges.size()));
            Set<String> all = new LinkedHashSet<>();
            for (SpawnTree.Edge e : shown) {
                byOuter.computeIfAbsent(e.outer(), k -> new ArrayList<>()).add(e);
                all.add(Names.visible(e.outer()));
                all.add(Names.visible(e.inner()));
            }
            Map<String, String> names = Names.shortestMap(new ArrayList<>(all), 56);
            h.open("ul", "class", "tree");
            for (Map.Entry<String, List<SpawnTree.Edge>> o : byOuter.entrySet()) {
                SpawnTree.Edge first = o.getValue().get(0);
                String outer = Names.visible(o.getKey());
                h.open("li").el("span", names.get(outer), "class", "node", "title", outer);
                if (first.outerWidth() > 0) {
                    h.el("span", first.outerWidth() + " workers", "class", "w");
                }
                h.open("ul");
                for (SpawnTree.Edge e : o.getValue()) {
                    String inner = Names.visible(e.inner());
                    h.open("li").el("span", e.how() + (e.count() > 1 ? " \u00d7" + e.count() : ""), "class", "how")
                            .text(" \u2192 ").el("span", names.get(inner), "class", "node", "title", inner);
                    if (e.innerWidth() > 0) {
                        h.el("span", e.innerWidth() + (e.how().startsWith("starts") ? " threads" : " workers"),
                                "class", "w");
                    }
                    if (!e.product().isEmpty() && !e.how().startsWith("starts")) {
                        h.el("span", e.product().replace(" x ", " \u00d7 ") + " threads possible", "class", "nm");
                    }
                    h.close("li");
                }
                h.close("ul").close("li");
            }
            h.close("ul");
            if (p.edges.size() > shown.size()) {
                h.el("p", "first " + shown.size() + " of " + p.edges.size() + " links", "class", "note");
            }
        }
        h.close("section").newline();
    }

    private void host() {
        h.open("section", "id", "host").el("h2", "Host and limits");
        if (!v.host.isEmpty()) {
            h.open("ul", "class", "sources");
            v.host.facts.forEach(f -> h.open("li").el("b", f.label()).text(": " + f.value()).close());
            h.close("ul");
        }
        if (!v.host.workers.isEmpty()) {
            h.el("h3", "Worker processes on the host");
            h.open("table", "class", "rules").open("tr");
            for (String c : List.of("program", "runtime", "processes at once", "threads each", "threads",
                    "CPU (s)", "waited for a CPU (s)", "share waiting")) {
                h.el("th", c);
            }
            h.close("tr");
            for (HostCensusView.Row r : v.host.workers) {
                h.open("tr").el("td", r.program()).el("td", r.runtime());
                cell(Integer.toString(r.processes()));
                cell(Integer.toString(r.threadsPerProcess()));
                cell(Integer.toString(r.threads()));
                cell(r.cpuSeconds());
                cell(r.waitSeconds());
                cell(r.waitShare());
                h.close("tr");
            }
            h.close("table");
        }
        Set<String> labels = new LinkedHashSet<>();
        for (ProcessView p : v.processes) {
            p.host.forEach(f -> labels.add(f.label()));
            p.threads.forEach(f -> labels.add(f.label()));
        }
        h.open("table", "class", "host").open("tr").el("th", "");
        for (ProcessView p : v.processes) {
            h.el("th", p.label, "title", p.source);
        }
        h.close("tr");
        for (String l : labels) {
            h.open("tr").el("th", l);
            for (ProcessView p : v.processes) {
                String val = "";
                for (ProcessView.Fact f : p.threads) {
                    val = f.label().equals(l) ? f.value() : val;
                }
                for (ProcessView.Fact f : p.host) {
                    val = f.label().equals(l) ? f.value() : val;
                }
                h.el("td", val);
            }
            h.close("tr");
        }
        h.close("table").close("section").newline();
    }
}
