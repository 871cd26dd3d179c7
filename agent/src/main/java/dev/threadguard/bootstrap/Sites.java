package dev.threadguard.bootstrap;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/** Where pools and threads come from: the first application frame, name patterns, size relations. */
final class Sites {
    private Sites() {}

    private static final int MAX_FRAMES = 64;
    private static final int KEPT_FRAMES = 16;
    private static final StackWalker WALKER =
        StackWalker.getInstance(EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), MAX_FRAMES);

    /** A creation site: full text, short text for pool names, and the first frames from there on. */
    static final class Site {
        static final Site UNKNOWN = new Site("unknown", "", new StackTraceElement[0]);
        final String text;
        final String shortText;
        final StackTraceElement[] stack;

        Site(String text, String shortText, StackTraceElement[] stack) {
            this.text = text;
            this.shortText = shortText;
            this.stack = stack;
        }
    }

    /**
     * The first frame of the current stack that is application code: not the JDK, not threadguard,
     * and not a constructor of {@code objectClass}'s own hierarchy (an app's ThreadPoolExecutor subclass).
     */
    static Site current(Class<?> objectClass) {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> s.limit(MAX_FRAMES).collect(Collectors.toList()));
        int first = -1;
        for (int i = 0; i < frames.size(); i++) {
            StackWalker.StackFrame f = frames.get(i);
            Class<?> c = f.getDeclaringClass();
            if (isInfrastructure(c.getName())) {
                continue;
            }
            if (objectClass != null && f.getMethodName().equals("<init>") && c.isAssignableFrom(objectClass)) {
                continue;
            }
            first = i;
            break;
        }
        if (first < 0) {
            return Site.UNKNOWN;
        }
        int n = Math.min(KEPT_FRAMES, frames.size() - first);
        StackTraceElement[] kept = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            kept[i] = frames.get(first + i).toStackTraceElement();
        }
        StackTraceElement top = kept[0];
        String cls = top.getClassName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String line = top.getLineNumber() > 0 ? ":" + top.getLineNumber() : "";
        return new Site(top.toString(), simple + "." + top.getMethodName() + line, kept);
    }

    static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
            || className.startsWith("sun.") || className.startsWith("com.sun.")
            || isAgentPackage(className, "dev.threadguard.bootstrap.") || isAgentPackage(className, "dev.threadguard.agent.")
            || className.startsWith("dev.threadguard.shaded.");
    }

    /** The agent's own classes: that package exactly, not an application's sub-package of it. */
    private static boolean isAgentPackage(String className, String pkg) {
        return className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0;
    }

    /** The thread name with its last run of digits replaced by * (one rule, shared with the analyzer). */
    static String namePattern(String name) {
        return dev.threadguard.events.ThreadNames.namePattern(name);
    }

    /** How a pool size relates to the processor count n (one rule, shared with the analyzer). */
    static String processorRelation(int size, int n) {
        return dev.threadguard.events.ProcessorRelation.of(size, n);
    }
}
