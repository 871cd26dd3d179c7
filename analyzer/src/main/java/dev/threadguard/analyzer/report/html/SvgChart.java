package dev.threadguard.analyzer.report.html;

import dev.threadguard.analyzer.report.Chart;
import dev.threadguard.analyzer.rules.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as inline SVG that scales to its box: a time axis in seconds, whole-number ticks for
 * thread counts, a legend, and one look per role (live workers a filled area, busy a solid dark line,
 * configured dashed, CPU dotted), so a busy line equal to the size still shows.
 */
public final class SvgChart {
    private static final int LEFT = 56;
    private static final int RIGHT = 14;
    private static final int LEGEND_ROW = 16;
    private static final int BOTTOM = 38;

    private SvgChart() {}

    /** Draws {@code c} in a {@code w} x {@code h} view box, time from 0 to {@code xMax} seconds. */
    public static void draw(Html h, Chart c, int w, int hgt, double xMax) {
        double maxX = Math.max(xMax, c.maxX());
        if (maxX <= 0) {
            maxX = 1;
        }
        double maxY = Double.isNaN(c.reference()) ? 0 : c.reference();
        for (Chart.Line l : c.lines()) {
            maxY = Math.max(maxY, l.max());
        }
        double yStep = step(maxY <= 0 ? 1 : maxY, 5, c.integerY());
        double yTop = Math.max(yStep, Math.ceil(maxY / yStep - 1e-9) * yStep);
        if (maxY > yTop - yStep * 0.1) {
            yTop += yStep; // head room: a line at the maximum must not hide in the frame
        }
        double xStep = step(maxX, 8, false);
        double pw = w - LEFT - RIGHT;
        int top = 14 + LEGEND_ROW * legendRows(c, w);
        double ph = hgt - top - BOTTOM;
        Axis ax = new Axis(maxX, yTop, pw, ph, top);
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "viewBox", "0 0 " + w + " " + hgt,
                "role", "img", "preserveAspectRatio", "xMidYMid meet");
        h.el("title", c.title() + ": " + c.yLabel() + " over time");
        for (double y = 0; y <= yTop + 1e-9; y += yStep) {
            double py = ax.y(y);
            h.empty("line", "x1", Html.n(LEFT), "y1", Html.n(py), "x2", Html.n(LEFT + pw), "y2", Html.n(py),
                    "class", y == 0 ? "axis" : "grid");
            h.el("text", Fmt.num(y), "x", Html.n(LEFT - 6), "y", Html.n(py + 4), "class", "tick", "text-anchor", "end");
        }
        for (double x = 0; x <= maxX + 1e-9; x += xStep) {
            double px = ax.x(x);
            h.empty("line", "x1", Html.n(px), "y1", Html.n(top + ph), "x2", Html.n(px), "y2", Html.n(top + ph + 4),
                    "class", "axis");
            h.el("text", Fmt.num(x), "x", Html.n(px), "y", Html.n(top + ph + 16), "class", "tick", "text-anchor",
                    "middle");
        }
        h.empty("line", "x1", Html.n(LEFT), "y1", Html.n(top), "x2", Html.n(LEFT), "y2", Html.n(top + ph),
                "class", "axis");
        h.el("text", "time (s)", "x", Html.n(LEFT + pw / 2), "y", Html.n(hgt - 4), "class", "axis-label x",
                "text-anchor", "middle");
        h.el("text", c.yLabel(), "x", "0", "y", "0", "class", "axis-label y", "text-anchor", "middle",
                "transform", String.format(Locale.ROOT, "translate(14 %s) rotate(-90)", Html.n(top + ph / 2)));
        for (Chart.Line l : c.lines()) {
            if (l.role() == Chart.Role.SIZE) {
                area(h, l, ax); // areas first, lines on top
            }
        }
        for (Chart.Line l : c.lines()) {
            line(h, l, ax);
        }
        if (!Double.isNaN(c.reference()) && c.reference() > 0) {
            double py = ax.y(c.reference());
            h.empty("line", "x1", Html.n(LEFT), "y1", Html.n(py), "x2", Html.n(LEFT + pw), "y2", Html.n(py),
                    "class", "ref");
            h.el("text", c.referenceLabel(), "x", Html.n(LEFT + pw - 2), "y", Html.n(py - 3), "class", "ref-label",
                    "text-anchor", "end");
        }
        legend(h, c, w);
        h.close("svg");
    }

    private record Axis(double maxX, double maxY, double pw, double ph, int top) {
        double x(double v) {
            return LEFT + v / maxX * pw;
        }

        double y(double v) {
            return top + ph - v / maxY * ph;
        }
    }

    private static void area(Html h, Chart.Line l, Axis ax) {
        if (l.x().length < 2) {
            return;
        }
        StringBuilder pts = new StringBuilder();
        pts.append(Html.n(ax.x(l.x()[0]))).append(',').append(Html.n(ax.y(0)));
        for (int i = 0; i < l.x().length; i++) {
            pts.append(' ').append(Html.n(ax.x(l.x()[i]))).append(',').append(Html.n(ax.y(l.y()[i])));
        }
        pts.append(' ').append(Html.n(ax.x(l.x()[l.x().length - 1]))).append(',').append(Html.n(ax.y(0)));
        h.empty("polygon", "points", pts.toString(), "class", "area " + css(l.role()));
    }

    private static void line(Html h, Chart.Line l, Axis ax) {
        if (l.x().length == 1) {
            h.empty("circle", "cx", Html.n(ax.x(l.x()[0])), "cy", Html.n(ax.y(l.y()[0])), "r", "3",
                    "class", "dot " + css(l.role()));
            return;
        }
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < l.x().length; i++) {
            pts.append(i > 0 ? " " : "").append(Html.n(ax.x(l.x()[i]))).append(',').append(Html.n(ax.y(l.y()[i])));
        }
        h.empty("polyline", "points", pts.toString(), "class", "line " + css(l.role()));
    }

    /** Legend entries: a swatch and a label each, wrapped into rows that fit the width. */
    private static List<String[]> legendItems(Chart c) {
        List<String[]> items = new ArrayList<>();
        for (Chart.Line l : c.lines()) {
            items.add(new String[] {l.name(), css(l.role()), l.role() == Chart.Role.SIZE ? "area" : "line"});
        }
        if (!Double.isNaN(c.reference()) && c.reference() > 0) {
            items.add(new String[] {c.referenceLabel(), "", "ref"});
        }
        return items;
    }

    private static double itemWidth(String label) {
        return 20 + 6.2 * label.length() + 14;
    }

    private static int legendRows(Chart c, int w) {
        int rows = 1;
        double x = LEFT;
        for (String[] it : legendItems(c)) {
            if (x > LEFT && x + itemWidth(it[0]) > w - RIGHT) {
                rows++;
                x = LEFT;
            }
            x += itemWidth(it[0]);
        }
        return rows;
    }

    private static void legend(Html h, Chart c, int w) {
        double x = LEFT;
        int y = 13;
        for (String[] it : legendItems(c)) {
            if (x > LEFT && x + itemWidth(it[0]) > w - RIGHT) {
                x = LEFT;
                y += LEGEND_ROW;
            }
            String sy = Integer.toString(y);
            if (it[2].equals("area")) {
                h.empty("rect", "x", Html.n(x), "y", Integer.toString(y - 5), "width", "16", "height", "10",
                        "class", "area " + it[1]);
            }
            h.empty("line", "x1", Html.n(x), "y1", sy, "x2", Html.n(x + 16), "y2", sy,
                    "class", it[2].equals("ref") ? "ref" : "line " + it[1]);
            h.el("text", it[0], "x", Html.n(x + 20), "y", Integer.toString(y + 4), "class", "legend");
            x += itemWidth(it[0]);
        }
    }

    static String css(Chart.Role r) {
        return "r-" + r.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A step of 1, 2 or 5 times a power of ten giving at most about {@code ticks} ticks; whole if asked. */
    static double step(double range, int ticks, boolean whole) {
        double raw = range / ticks;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double s = 10 * mag;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * mag >= raw) {
                s = m * mag;
                break;
            }
        }
        return whole ? Math.max(1, Math.ceil(s)) : s;
    }

    /** The style sheet part for charts; one look per role. */
    public static final String CSS = "svg.chart{width:100%;height:auto;display:block;background:#fff}"
            + "svg.chart .grid{stroke:#e4e4e4;stroke-width:1}svg.chart .axis{stroke:#666;stroke-width:1}"
            + "svg.chart text{font:11px system-ui,sans-serif;fill:#333}svg.chart .axis-label{font-weight:600}"
            + "svg.chart .line{fill:none;stroke-width:2}svg.chart .area{stroke:none}"
            + ".r-size.area{fill:#c6dbef}.r-size.line{stroke:#6b9bc8;stroke-width:1.5}"
            + ".r-busy.line{stroke:#b2182b;stroke-width:2.5}.r-busy.dot{fill:#b2182b}"
            + ".r-configured.line{stroke:#555;stroke-dasharray:6 4;stroke-width:1.5}"
            + ".r-cpu.line{stroke:#1a9850;stroke-dasharray:2 3;stroke-width:2.5}.r-cpu.dot{fill:#1a9850}"
            + ".r-wait.line{stroke:#e08214;stroke-dasharray:8 3 2 3;stroke-width:2}"
            + ".r-threads.line{stroke:#2166ac}.r-os-threads.line{stroke:#762a83;stroke-dasharray:5 3}"
            + ".r-other.line{stroke:#888;stroke-width:1.5}.dot{fill:#2166ac}"
            + "svg.chart .ref{stroke:#000;stroke-dasharray:3 3;stroke-width:1}svg.chart .ref-label{fill:#000}";
}
