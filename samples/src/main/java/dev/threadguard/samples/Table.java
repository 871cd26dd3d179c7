package dev.threadguard.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A right-aligned results table in the style of the seed incidents' benchmark output. */
public final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
    }

    public void row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) r[i] = String.valueOf(cells[i]);
        rows.add(r);
    }

    public void print(PrintStream out) {
        int[] w = new int[headers.length];
        for (int i = 0; i < headers.length; i++) w[i] = headers[i].length();
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < headers.length; i++) line.append(i == 0 ? "" : "  ").append(pad(headers[i], w[i], i == 0));
        out.println(line);
        int total = 0;
        for (int x : w) total += x;
        out.println("-".repeat(total + 2 * (w.length - 1)));
        for (String[] r : rows) {
            line.setLength(0);
            for (int i = 0; i < r.length; i++) line.append(i == 0 ? "" : "  ").append(pad(r[i], w[i], i == 0));
            out.println(line);
        }
        out.flush();
    }

    private static String pad(String s, int w, boolean left) {
        if (s.length() >= w) return s;
        String sp = " ".repeat(w - s.length());
        return left ? s + sp : sp + s;
    }
}
