package dev.threadguard.analyzer.report;

import java.io.PrintWriter;
import java.util.Locale;

/** A tiny streaming JSON writer: enough for the report, no dependency. */
public final class Json {
    private final PrintWriter out;
    private final StringBuilder indent = new StringBuilder();
    private boolean first = true;
    private boolean afterName;

    public Json(PrintWriter out) {
        this.out = out;
    }

    private void sep() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first) {
            out.print(',');
        }
        if (indent.length() > 0) {
            out.print('\n');
            out.print(indent);
        }
        first = false;
    }

    public Json beginObject() {
        sep();
        out.print('{');
        indent.append("  ");
        first = true;
        return this;
    }

    public Json endObject() {
        indent.setLength(indent.length() - 2);
        if (!first) {
            out.print('\n');
            out.print(indent);
        }
        out.print('}');
        first = false;
        return this;
    }

    public Json beginArray() {
        sep();
        out.print('[');
        indent.append("  ");
        first = true;
        return this;
    }

    public Json endArray() {
        indent.setLength(indent.length() - 2);
        if (!first) {
            out.print('\n');
            out.print(indent);
        }
        out.print(']');
        first = false;
        return this;
    }

    public Json name(String n) {
        sep();
        out.print(quote(n));
        out.print(": ");
        afterName = true;
        return this;
    }

    public Json value(String s) {
        sep();
        out.print(s == null ? "null" : quote(s));
        return this;
    }

    public Json value(Number n) {
        sep();
        out.print(number(n));
        return this;
    }

    public Json value(boolean b) {
        sep();
        out.print(b);
        return this;
    }

    public Json field(String name, String v) {
        return name(name).value(v);
    }

    public Json field(String name, Number v) {
        return name(name).value(v);
    }

    public Json field(String name, boolean v) {
        return name(name).value(v);
    }

    static String number(Number n) {
        if (n == null) {
            return "null";
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "null";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return String.format(Locale.ROOT, "%s", Double.toString(d));
        }
        return n.toString();
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c"); // safe to embed in HTML
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
