package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.model.Series;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Fmt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file (no script, no external resource): findings, then inline SVG charts of
 * threads over time, busy vs size per pool, and the spawn tree. Every name from the recording is escaped.
 */
public final class HtmlReport {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private HtmlReport() {}

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    public static void write(Analysis a, PrintWriter out) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        out.println("<title>threadguard report</title>");
        out.println("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}"
                + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
                + ".f{border-left:6px solid #999;padding:.4em 1em;margin:1em 0;background:#fafafa}"
                + ".critical{border-color:#c00}.warning{border-color:#e90}.info{border-color:#39c}"
                + ".sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.rule{color:#555;font-family:monospace}"
                + "table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}"
                + "td.l,th.l{text-align:left}code{background:#eee;padding:0 3px}.ev{color:#444;font-size:.9em}"
                + "svg{background:#fff;border:1px solid #eee;margin:.3em}.warn{color:#a60}</style></head><body>");
        out.println("<h1>threadguard report</h1>");
        out.println("<p>");
        for (ProcessModel pm : a.model.processes) {
            out.println("<b>" + esc(pm.source) + "</b>: " + esc(Fmt.num(Fmt.round(pm.durationSeconds(), 1))) + " s, "
                    + (pm.hasAgent() ? "threadguard agent" : "no threadguard events")
                    + (pm.truncated ? ", <span class=\"warn\">truncated</span>" : "") + "<br>");
        }
        out.println("</p>");
        for (String w : a.model.warnings) {
            out.println("<p class=\"warn\">warning: " + esc(w) + "</p>");
        }
        out.println("<h2>Findings (" + a.findings.size() + ")</h2>");
        if (a.findings.isEmpty()) {
            out.println("<p>No findings: nothing oversubscribed that the rules can see.</p>");
        }
        for (Finding f : a.findings) {
            out.println("<div class=\"f " + f.severity().label() + "\"><span class=\"sev\">" + f.severity().label()
                    + "</span> <span class=\"rule\">" + esc(f.rule()) + "</span><h3>" + esc(f.title()) + "</h3>");
            out.println("<p>" + esc(f.message()) + "</p>");
            StringBuilder ev = new StringBuilder();
            for (Map.Entry<String, Number> e : f.evidence().entrySet()) {
                ev.append(ev.length() > 0 ? ", " : "").append(esc(e.getKey())).append(" <b>")
                        .append(esc(Fmt.num(e.getValue().doubleValue()))).append("</b>");
            }
            out.println("<p class=\"ev\">evidence: " + ev + "</p>");
            if (!f.location().isEmpty()) {
                out.println("<p>at <code>" + esc(f.location()) + "</code></p>");
            }
            out.println("<p><b>fix:</b> " + esc(f.recommendation()) + "</p></div>");
        }
        if (!a.rulesNeedingAgent.isEmpty()) {
            out.println("<p>Not evaluated, they need the threadguard agent's events: "
                    + esc(String.join(", ", a.rulesNeedingAgent)) + ".</p>");
        }
        out.println("<h2>Threads over time</h2>");
        for (ProcessModel pm : a.model.processes) {
            List<Line> lines = new ArrayList<>();
            if (!pm.threads.isEmpty()) {
                lines.add(line(pm.threads, "platform", "live platform threads", 0));
                lines.add(line(pm.threads, "os", "OS threads", 1));
            }
            if (!pm.jdkThreads.isEmpty()) {
                lines.add(line(pm.jdkThreads, "active", "Java threads (JDK)", 2));
            }
            lines.removeIf(l -> l.points.isEmpty());
            if (!lines.isEmpty()) {
                out.println(chart(pm.source + ": threads", lines, 720, 220, -1));
            }
            if (!pm.cpuLoad.isEmpty()) {
                List<Line> cpu = new ArrayList<>();
                cpu.add(line(pm.cpuLoad, "jvm", "JVM CPU (share of machine)", 0));
                cpu.add(line(pm.cpuLoad, "machine", "machine CPU", 3));
                out.println(chart(pm.source + ": CPU load", cpu, 720, 160, 1.0));
            }
        }
        poolCharts(a, out);
        spawnTree(a, out);
        poolTable(a, out);
        host(a, out);
        out.println("</body></html>");
        out.flush();
    }

    private static void poolCharts(Analysis a, PrintWriter out) {
        List<PoolStats> pools = a.pools(12);
        pools.removeIf(p -> p.samples == 0);
        if (pools.isEmpty()) {
            return;
        }
        out.println("<h2>Busy workers vs pool size</h2>");
        List<PoolTimeline.Bucket> buckets = a.model.timeline.buckets();
        for (PoolStats p : pools) {
            PoolTimeline.Key key = new PoolTimeline.Key(p.process, p.id);
            Line busy = new Line("busy (peak in bucket)", COLORS[1], new ArrayList<>());
            Line size = new Line("live workers", COLORS[0], new ArrayList<>());
            for (PoolTimeline.Bucket b : buckets) {
                PoolTimeline.Acc acc = b.pools().get(key);
                if (acc != null) {
                    busy.points.add(new double[] {b.time(), acc.maxBusy});
                    size.points.add(new double[] {b.time(), acc.maxSize});
                }
            }
            List<Line> lines = List.of(size, busy);
            String title = p.label() + (a.model.multiProcess() ? " [" + a.model.process(p.process).source + "]" : "")
                    + " (configured " + p.width() + ")";
            out.println(chart(title, lines, 350, 150, p.width() > 0 ? p.width() : -1));
        }
    }

    private static void spawnTree(Analysis a, PrintWriter out) {
        boolean any = false;
        for (ProcessModel pm : a.model.processes) {
            List<Analysis.Edge> edges = Analysis.edges(pm);
            if (edges.isEmpty()) {
                continue;
            }
            if (!any) {
                out.println("<h2>Spawn tree: outer pool &rarr; inner pools/threads</h2>");
                any = true;
            }
            int rows = Math.min(edges.size(), 40);
            int h = 30 * rows + 20;
            StringBuilder svg = new StringBuilder();
            svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"").append(h)
                    .append("\" role=\"img\"><title>").append(esc(pm.source)).append(" spawn tree</title>");
            String lastOuter = null;
            for (int i = 0; i < rows; i++) {
                Analysis.Edge e = edges.get(i);
                int y = 10 + i * 30;
                if (!e.outer().equals(lastOuter)) {
                    svg.append(box(10, y, 300, e.outer() + (e.outerWidth() > 0 ? " (N=" + e.outerWidth() + ")" : ""),
                            "#dde8f5"));
                    lastOuter = e.outer();
                }
                svg.append("<line x1=\"310\" y1=\"").append(y + 11).append("\" x2=\"520\" y2=\"").append(y + 11)
                        .append("\" stroke=\"#888\" marker-end=\"none\"/>");
                String label = e.how() + (e.count() > 1 ? " (" + e.count() + " times)" : "")
                        + (e.outerWidth() > 0 && e.innerWidth() > 0 ? "  N x M = " + e.outerWidth() + " x "
                                + e.innerWidth() + " = " + (long) e.outerWidth() * e.innerWidth() : "");
                svg.append("<text x=\"318\" y=\"").append(y + 7).append("\" font-size=\"11\">").append(esc(label))
                        .append("</text>");
                svg.append("<polygon points=\"520,").append(y + 7).append(" 528,").append(y + 11).append(" 520,")
                        .append(y + 15).append("\" fill=\"#888\"/>");
                svg.append(box(530, y, 360, e.inner() + (e.innerWidth() > 0 ? " (M=" + e.innerWidth() + ")" : ""),
                        "#f5e6dd"));
            }
            svg.append("</svg>");
            out.println("<p>" + esc(pm.source) + (edges.size() > rows ? " (first " + rows + " of " + edges.size()
                    + " edges)" : "") + "</p>");
            out.println(svg);
        }
    }

    private static String box(int x, int y, int w, String text, String fill) {
        String t = text.length() > w / 7 ? text.substring(0, w / 7 - 1) + "~" : text;
        return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"22\" rx=\"4\" fill=\"" + fill
                + "\" stroke=\"#999\"/><text x=\"" + (x + 5) + "\" y=\"" + (y + 15) + "\" font-size=\"12\">"
                + esc(t) + "<title>" + esc(text) + "</title></text>";
    }

    private static void poolTable(Analysis a, PrintWriter out) {
        List<PoolStats> pools = a.pools(200);
        if (pools.isEmpty()) {
            return;
        }
        out.println("<h2>Pools</h2><table><tr><th class=\"l\">name</th><th class=\"l\">kind</th>"
                + "<th class=\"l\">creation site</th><th>configured</th><th>created</th><th>peak busy</th>"
                + "<th>mean busy</th><th>mean idle</th><th>max queued</th><th>CPU / busy worker</th>"
                + "<th class=\"l\">shutdown</th></tr>");
        for (PoolStats p : pools) {
            out.println("<tr><td class=\"l\">" + esc(p.label()) + "</td><td class=\"l\">" + esc(p.kind)
                    + "</td><td class=\"l\"><code>" + esc(p.creationSite) + "</code></td><td>" + p.width() + "</td><td>"
                    + p.peakSize() + "</td><td>" + p.peakBusy() + "</td><td>" + esc(Fmt.num(Fmt.round(p.meanBusy(), 1)))
                    + "</td><td>" + esc(Fmt.num(Fmt.round(Math.max(0, p.meanSize() - p.meanBusy()), 1))) + "</td><td>"
                    + p.maxQueued + "</td><td>" + esc(Fmt.pct(p.cpuPerBusyWorker())) + "</td><td class=\"l\">"
                    + esc(p.shutdownPhase) + "</td></tr>");
        }
        out.println("</table>");
    }

    private static void host(Analysis a, PrintWriter out) {
        out.println("<h2>Host</h2>");
        for (ProcessModel pm : a.model.processes) {
            HostFacts h = pm.host;
            out.println("<p><b>" + esc(pm.source) + "</b>: availableProcessors " + h.availableProcessors
                    + ", online CPUs " + h.onlineCpus + ", cores " + h.physicalCores + ", sockets " + h.sockets
                    + (h.cpuQuota > 0 ? ", CPU quota " + esc(Fmt.num(h.cpuQuota)) : "")
                    + (h.activeProcessorCount > 0 ? ", -XX:ActiveProcessorCount=" + h.activeProcessorCount : "")
                    + (h.fromAgent ? ", nproc " + h.nprocSoft + ", pids.max " + h.pidsMax + ", threads-max "
                            + h.threadsMax + ", pid_max " + h.pidMax + ", thread env: "
                            + esc(h.threadEnvironment.isEmpty() ? "none" : h.threadEnvironment) : "")
                    + (h.jvmVersion.isEmpty() ? "" : ", JVM " + esc(h.jvmVersion)) + "</p>");
        }
    }

    private record Line(String label, String color, List<double[]> points) {}

    private static Line line(Series s, String channel, String label, int color) {
        int i = s.channelIndex(channel);
        List<double[]> pts = new ArrayList<>();
        for (Series.Point p : s.points()) {
            double v = p.max()[i];
            if (!Double.isNaN(v)) {
                pts.add(new double[] {p.time(), v});
            }
        }
        return new Line(label, COLORS[color % COLORS.length], pts);
    }

    /** A line chart; {@code ref} > 0 draws a dashed horizontal reference line (the configured size). */
    private static String chart(String title, List<Line> lines, int w, int h, double ref) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = ref > 0 ? ref : 0;
        for (Line l : lines) {
            for (double[] p : l.points) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (maxX < minX) {
            return "";
        }
        if (maxX == minX) {
            maxX = minX + 1000;
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        int left = 45;
        int top = 22;
        int right = 10;
        int bottom = 22;
        double pw = w - left - right;
        double ph = h - top - bottom;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\"><title>").append(esc(title)).append("</title>");
        String span = " (" + Fmt.num(Fmt.round((maxX - minX) / 1000.0, 1)) + " s)";
        String shown = title.length() + span.length() > w / 7 ? title.substring(0, Math.max(1, w / 7 - span.length() - 1))
                + "~" + span : title + span;
        sb.append("<text x=\"").append(left).append("\" y=\"14\" font-size=\"12\" font-weight=\"bold\">")
                .append(esc(shown)).append("</text>");
        sb.append("<line x1=\"").append(left).append("\" y1=\"").append(top + ph).append("\" x2=\"").append(left + pw)
                .append("\" y2=\"").append(top + ph).append("\" stroke=\"#999\"/>");
        sb.append("<line x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left)
                .append("\" y2=\"").append(top + ph).append("\" stroke=\"#999\"/>");
        sb.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%s</text>", top + 8.0,
                esc(Fmt.num(Fmt.round(maxY, 1)))));
        sb.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">0</text>", top + ph));
        if (ref > 0) {
            double y = top + ph - ref / maxY * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#555\" stroke-dasharray=\"4 3\"/>", left, y, left + pw, y));
        }
        double legendX = left;
        for (Line l : lines) {
            if (l.points.isEmpty()) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (double[] p : l.points) {
                double x = left + (p[0] - minX) / (maxX - minX) * pw;
                double y = top + ph - p[1] / maxY * ph;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            if (l.points.size() == 1) {
                double[] p = l.points.get(0);
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                        left + (p[0] - minX) / (maxX - minX) * pw, top + ph - p[1] / maxY * ph, l.color));
            } else {
                sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(l.color)
                        .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s</text>",
                    legendX, h - 6, l.color, esc(l.label)));
            legendX += 6.0 * l.label.length() + 16;
        }
        sb.append("</svg>");
        return sb.toString();
    }
}
