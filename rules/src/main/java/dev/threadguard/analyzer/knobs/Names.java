package dev.threadguard.analyzer.knobs;

/** Frame texts and thread-name patterns as the knob table uses them. */
final class Names {
    private Names() {}

    /** The class of a frame written {@code Class.method(File.java:line)} (also accepts a module prefix). */
    static String className(String frame) {
        int paren = frame.indexOf('(');
        String head = paren < 0 ? frame : frame.substring(0, paren);
        int slash = head.indexOf('/');
        if (slash >= 0) {
            head = head.substring(slash + 1);
        }
        int dot = head.lastIndexOf('.');
        return dot < 0 ? head : head.substring(0, dot);
    }

    /** The JDK's and the agent's own frames: never a library's, never the application's. */
    static boolean isJdkOrAgent(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
            || className.startsWith("sun.") || className.startsWith("com.sun.")
            || className.startsWith("dev.threadguard.bootstrap.") || className.startsWith("dev.threadguard.agent.")
            || className.startsWith("dev.threadguard.shaded.");
    }

    /** A thread-name pattern where each '*' stands for any text: qtp*, hz.*, kafka-producer-network-thread | *. */
    static boolean matches(String pattern, String name) {
        if (name == null) {
            return false;
        }
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return name.equals(pattern);
        }
        if (!name.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = name.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return name.length() - at >= last.length() && name.endsWith(last);
    }
}
