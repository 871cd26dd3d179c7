package dev.threadguard.analyzer.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names from a recording are data: {@link #visible} shows control characters as escapes (a thread name must
 * not move the cursor, clear the terminal or fake a report line), and {@link #shortest} cuts names to a
 * width so that names that differ still read differently.
 */
public final class Names {
    public static final char ELLIPSIS = '\u2026';

    private Names() {}

    /** Control, bidi-override and zero-width characters as visible escapes; a backslash doubled. */
    public static String visible(String s) {
        return escaped(s, true);
    }

    /** Like {@link #visible} but leaves backslashes alone: for text that went through it already. */
    public static String controlsEscaped(String s) {
        return escaped(s, false);
    }

    private static String escaped(String s, boolean backslash) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = c == '\\' && !backslash ? null : escape(c);
            if (esc != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(esc != null ? esc : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\\': return "\\\\";
            default:
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    return String.format(Locale.ROOT, "\\x%02x", (int) c);
                }
                if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                        || c == 0xfeff) {
                    return String.format(Locale.ROOT, "\\u%04x", (int) c);
                }
                return null;
        }
    }

    /**
     * Each name cut to at most {@code width} characters so that distinct names stay distinct: the head, the
     * tail, head and tail, or the part where a name first differs from its nearest neighbour. A name that
     * cannot be cut uniquely is kept whole (never two rows that read the same). Equal names stay equal.
     */
    public static List<String> shortest(List<String> names, int width) {
        return shortest(names, width, false);
    }

    /** Like {@link #shortest} but keeping the end first, where a creation site has its line number. */
    public static List<String> shortestKeepingEnd(List<String> names, int width) {
        return shortest(names, width, true);
    }

    private static List<String> shortest(List<String> names, int width, boolean endFirst) {
        int n = names.size();
        List<List<String>> candidates = new ArrayList<>(n);
        for (String s : names) {
            List<String> f = s.length() <= width ? List.of(s) : forms(s, names, width);
            if (endFirst && f.size() > 1) {
                f = new ArrayList<>(f);
                f.add(0, ELLIPSIS + s.substring(s.length() - (Math.max(4, width) - 1)));
            }
            candidates.add(f);
        }
        int[] pick = new int[n];
        for (int round = 0; round < 64; round++) {
            Map<String, Set<String>> owners = new HashMap<>();
            for (int i = 0; i < n; i++) {
                owners.computeIfAbsent(shown(candidates, pick, i), k -> new HashSet<>()).add(names.get(i));
            }
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                if (owners.get(shown(candidates, pick, i)).size() > 1 && pick[i] < candidates.get(i).size() - 1) {
                    pick[i]++;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(shown(candidates, pick, i));
        }
        return out;
    }

    /** The shortest-unique forms as a map from full name to shown name. */
    public static Map<String, String> shortestMap(List<String> names, int width) {
        return shortestMap(names, width, false);
    }

    public static Map<String, String> shortestMap(List<String> names, int width, boolean endFirst) {
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(names));
        List<String> cut = shortest(distinct, width, endFirst);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            m.put(distinct.get(i), cut.get(i));
        }
        return m;
    }

    /** The picked form; past the last one, the last one (always the whole name). */
    private static String shown(List<List<String>> candidates, int[] pick, int i) {
        List<String> c = candidates.get(i);
        return c.get(Math.min(pick[i], c.size() - 1));
    }

    /** Cut forms of {@code s}, most readable first, the whole name last. */
    static List<String> forms(String s, List<String> all, int width) {
        List<String> out = new ArrayList<>();
        int w = Math.max(4, width) - 1; // one character for the ellipsis
        int len = s.length();
        int half = w / 2;
        out.add(s.substring(0, half) + ELLIPSIS + s.substring(len - (w - 1 - half)));
        out.add(s.substring(0, w) + ELLIPSIS);
        int lcp = 0;
        int lcs = 0;
        for (String o : all) {
            if (!o.equals(s)) {
                lcp = Math.max(lcp, commonPrefix(s, o));
                lcs = Math.max(lcs, commonSuffix(s, o));
            }
        }
        // the head up to a separator, then the tail: "com.example.Foo…cached.thread-*"
        for (int h : new int[] {w / 3, (2 * w) / 3, w / 4}) {
            if (h > 0 && w - 1 - h > 0) {
                out.add(s.substring(0, h) + ELLIPSIS + s.substring(len - (w - 1 - h)));
            }
        }
        out.add(ELLIPSIS + s.substring(len - w));
        // a window around where this name first differs from its closest neighbour, keeping a short head
        if (lcp > 0 && lcp < len) {
            int head = Math.min(w / 3, lcp);
            int room = w - head - 1;
            int from = Math.max(head, Math.min(lcp - room / 3, len - room));
            String mid = s.substring(from, Math.min(len, from + room - 1));
            boolean toEnd = from + room - 1 >= len;
            String f = s.substring(0, head) + ELLIPSIS + mid + (toEnd ? "" : String.valueOf(ELLIPSIS));
            if (f.length() <= width) {
                out.add(f);
            }
        }
        // a window around where it last differs (a number before a common suffix)
        int lastDiff = len - lcs - 1;
        if (lcs > 0 && lastDiff >= 0) {
            int room = w - 1;
            int from = Math.max(0, Math.min(lastDiff - room / 2, len - room));
            String f = ELLIPSIS + s.substring(from, Math.min(len, from + room - 1)) + ELLIPSIS;
            if (from > 0 && f.length() <= width) {
                out.add(f);
            }
        }
        out.add(s);
        return out;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
            i++;
        }
        return i;
    }
}
