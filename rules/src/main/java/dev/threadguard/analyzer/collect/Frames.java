package dev.threadguard.analyzer.collect;

import java.util.List;

/** Stack frames as the reports print them: {@code Simple.method(File.java:line)}, agent frames left out. */
public final class Frames {
    private Frames() {}

    static boolean agent(String cls) {
        return cls.startsWith("dev.threadguard.agent") || cls.startsWith("dev.threadguard.bootstrap")
                || cls.startsWith("dev.threadguard.events");
    }

    static boolean infrastructure(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || agent(cls);
    }

    /** The first Java frame outside the JDK and threadguard; "" when there is none. */
    public static String site(List<EventView.Frame> stack) {
        for (EventView.Frame f : stack) {
            if (f.java() && !infrastructure(f.type())) {
                return frame(f);
            }
        }
        return "";
    }

    /**
     * The frame the agent would have named as a pool's creation site: the first Java frame outside the
     * JDK and threadguard that is not a constructor of the pool's own class (an app's executor subclass)
     * or of a class whose constructor that one calls; null when there is none.
     */
    public static EventView.Frame creationFrame(List<EventView.Frame> stack, String poolClass) {
        int first = -1;
        for (int i = 0; i < stack.size(); i++) {
            EventView.Frame f = stack.get(i);
            if (f.java() && !infrastructure(f.type())) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return null;
        }
        // leading constructors up to the pool class's own: its superclasses' and its own
        int last = -1;
        for (int i = first; i < stack.size() && "<init>".equals(stack.get(i).method()); i++) {
            if (stack.get(i).type().equals(poolClass)) {
                last = i;
            }
        }
        int at = last < 0 ? first : last + 1;
        return at < stack.size() ? stack.get(at) : null;
    }

    /** As the agent writes a site (StackTraceElement's form): {@code pkg.Class.method(File.java:line)}. */
    public static String full(EventView.Frame f) {
        String cls = f.type();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String file = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        return cls + "." + f.method() + "(" + file + ".java" + (f.line() > 0 ? ":" + f.line() : "") + ")";
    }

    /** As the agent prefixes pool names: {@code Class.method:line}. */
    public static String shortSite(EventView.Frame f) {
        String cls = f.type();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.method() + (f.line() > 0 ? ":" + f.line() : "");
    }

    /** The top {@code max} Java frames outside threadguard in {@link #full} form, JDK frames kept. */
    public static List<String> fullStack(List<EventView.Frame> stack, int max) {
        List<String> out = new java.util.ArrayList<>();
        for (EventView.Frame f : stack) {
            if (f.java() && !agent(f.type())) {
                out.add(full(f));
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    /** The top {@code max} Java frames outside threadguard, one a line. */
    public static String stack(List<EventView.Frame> stack, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (EventView.Frame f : stack) {
            if (!f.java() || agent(f.type()) && !f.type().startsWith("dev.threadguard.events")) {
                continue;
            }
            if (n > 0) {
                sb.append('\n');
            }
            sb.append(frame(f));
            if (++n >= max) {
                break;
            }
        }
        return sb.toString();
    }

    static String frame(EventView.Frame f) {
        String cls = f.type();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String file = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        return simple + "." + f.method() + "(" + file + ".java" + (f.line() > 0 ? ":" + f.line() : "") + ")";
    }
}
