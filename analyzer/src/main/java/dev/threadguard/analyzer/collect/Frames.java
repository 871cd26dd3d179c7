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
