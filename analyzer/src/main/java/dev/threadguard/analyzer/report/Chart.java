package dev.threadguard.analyzer.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A time chart as data: x in seconds since the first recording started, one line per measure. Renderers
 * draw it; {@link Role} says what a line is so that size, busy and CPU always look the same.
 */
public record Chart(String title, String yLabel, boolean integerY, List<Line> lines, double reference,
        String referenceLabel) {

    /** What a line measures; a renderer gives each role one look (area, solid, dashed, dotted). */
    public enum Role { SIZE, CONFIGURED, BUSY, CPU, WAIT, THREADS, OS_THREADS, OTHER }

    public record Line(String name, Role role, double[] x, double[] y) {
        public boolean isEmpty() {
            return x.length == 0;
        }

        public double max() {
            double m = 0;
            for (double v : y) {
                m = Math.max(m, v);
            }
            return m;
        }
    }

    public boolean isEmpty() {
        return lines.stream().allMatch(Line::isEmpty);
    }

    /** True when nothing but zeros was measured: no point drawing it. */
    public boolean isFlatZero() {
        return lines.stream().allMatch(l -> l.max() <= 0) && !(reference > 0);
    }

    public double maxX() {
        double m = 0;
        for (Line l : lines) {
            for (double v : l.x) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    public double minX() {
        double m = Double.MAX_VALUE;
        for (Line l : lines) {
            for (double v : l.x) {
                m = Math.min(m, v);
            }
        }
        return m == Double.MAX_VALUE ? 0 : m;
    }

    /** Collects the points of one line. */
    public static final class LineBuilder {
        private final String name;
        private final Role role;
        private final List<double[]> pts = new ArrayList<>();

        public LineBuilder(String name, Role role) {
            this.name = name;
            this.role = role;
        }

        public LineBuilder add(double x, double y) {
            if (!Double.isNaN(y) && !Double.isInfinite(y)) {
                pts.add(new double[] {x, y});
            }
            return this;
        }

        public Line build() {
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = pts.get(i)[0];
                ys[i] = pts.get(i)[1];
            }
            return new Line(name, role, xs, ys);
        }
    }
}
