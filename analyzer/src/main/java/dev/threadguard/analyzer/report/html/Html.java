package dev.threadguard.analyzer.report.html;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes HTML (and inline SVG) element by element. Text and attribute values are always escaped; tag and
 * attribute names must be plain identifiers; event-handler attributes, script elements and links that
 * leave the page are refused. So a name from a recording cannot become markup, whoever writes the page.
 */
public final class Html {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9:-]*");

    private final PrintWriter out;
    private final Deque<String> open = new ArrayDeque<>();

    public Html(PrintWriter out) {
        this.out = out;
    }

    public Html doctype() {
        out.print("<!DOCTYPE html>\n");
        return this;
    }

    /** Opens {@code tag} with attributes given as name, value pairs (a null value leaves the attribute out). */
    public Html open(String tag, String... attrs) {
        start(tag, attrs);
        out.print('>');
        open.push(tag);
        return this;
    }

    /** A void or self-closed element: meta, br, line, rect, ... */
    public Html empty(String tag, String... attrs) {
        start(tag, attrs);
        out.print(tag.equals("meta") || tag.equals("br") ? ">" : "/>");
        return this;
    }

    /** Closes the innermost open element. */
    public Html close() {
        out.print("</" + open.pop() + ">");
        return this;
    }

    /** Closes the innermost element, which must be {@code tag}. */
    public Html close(String tag) {
        if (!tag.equals(open.peek())) {
            throw new IllegalStateException("closing " + tag + " but " + open.peek() + " is open");
        }
        return close();
    }

    public Html text(String s) {
        out.print(escape(s));
        return this;
    }

    /** {@code <tag attrs>text</tag>}. */
    public Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close();
    }

    public Html newline() {
        out.print('\n');
        return this;
    }

    /** The page's own style sheet: constant text of this program, never data. */
    public Html style(String css) {
        if (css.contains("<")) {
            throw new IllegalArgumentException("a style sheet has no '<'");
        }
        out.print("<style>" + css + "</style>\n");
        return this;
    }

    /** Closes everything still open. */
    public void finish() {
        while (!open.isEmpty()) {
            close();
        }
        out.print('\n');
        out.flush();
    }

    private void start(String tag, String[] attrs) {
        check(tag);
        if (tag.equalsIgnoreCase("script") || tag.equalsIgnoreCase("iframe") || tag.equalsIgnoreCase("object")) {
            throw new IllegalArgumentException("no " + tag + " in a report");
        }
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.print('<');
        out.print(tag);
        for (int i = 0; i < attrs.length; i += 2) {
            String name = attrs[i];
            String value = attrs[i + 1];
            check(name);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("on")) {
                throw new IllegalArgumentException("no event handlers: " + name);
            }
            if ((lower.equals("href") || lower.endsWith(":href") || lower.equals("src")) && value != null
                    && !value.startsWith("#")) {
                throw new IllegalArgumentException("links stay inside the page: " + value);
            }
            if (value == null) {
                continue;
            }
            out.print(' ');
            out.print(name);
            out.print("=\"");
            out.print(escape(value));
            out.print('"');
        }
    }

    private static void check(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + name);
        }
    }

    /** Markup characters as entities, control characters as spaces (they have no business in a page). */
    public static String escape(String s) {
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
                default -> sb.append(c < 0x20 && c != '\n' || c == 0x7f ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** A number for an attribute: at most one decimal. */
    public static String n(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
