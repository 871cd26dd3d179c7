package dev.threadguard.bootstrap;

import java.util.EnumSet;

/** Where pools and threads come from: the first application frame, name patterns, size relations. */
final class Sites {
    private Sites() {}

    private static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER =
        StackWalker.getInstance(EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 8);
    /**
     * Stack walks for creation sites per second. A walk costs ~2 µs, five times a pool's own
     * creation: under pool churn the site comes from the event's stack trace (JFR captures it
     * natively for less), or is not known when no recording takes the event.
     */
    static final int WALKS_PER_SECOND = 200;
    private static long window;
    private static int walksInWindow;

    /** A creation site: full text, and short text for pool names. */
    static final class Site {
        static final Site UNKNOWN = new Site("unknown", "");
        /** Not walked (over the budget): readers take the site from the event's stack trace, if it has one. */
        static final Site NOT_WALKED = new Site("", "");
        final String text;
        final String shortText;

        Site(String text, String shortText) {
            this.text = text;
            this.shortText = shortText;
        }
    }

    /**
     * Runtime.availableProcessors() costs 65 ns on JDK 17 and 215 ns on JDK 25 here (it reads the
     * cgroup), as much as a pool's whole creation: read again when the walk budget's second turns
     * (the JDK itself caches the container's value for 20 ms). 0 = read it now.
     */
    private static volatile int processors;

    /** Runtime.availableProcessors() as of the last second in which pools were created. */
    static int availableProcessors() {
        int n = processors;
        if (n == 0) {
            n = Runtime.getRuntime().availableProcessors();
            processors = n;
        }
        return n;
    }

    /**
     * True while this second's walk budget lasts (racy counter: a few walks more or less do no harm).
     * Past the budget the clock is read every 64th call only, not once per pool created (a pool per
     * request passes here every time); the next second's budget starts at most 63 pools late.
     */
    static boolean walkAllowed() {
        int n = walksInWindow;
        if (n < WALKS_PER_SECOND || (n & 63) == 0) {
            long now = System.nanoTime();
            if (now - window > 1_000_000_000L) {
                window = now;
                walksInWindow = 0;
                processors = 0;
            }
        }
        return ++walksInWindow <= WALKS_PER_SECOND;
    }

    /** The site of a pool being created, or NOT_WALKED past the budget. */
    static Site creation(Class<?> poolClass) {
        return walkAllowed() ? current(poolClass) : Site.NOT_WALKED;
    }

    /** Frames kept for a replayed creation, as many as the analyzer reads from an event's stack. */
    static final int REPLAY_FRAMES = 32;

    /**
     * The creation stack as text, for a pool or family created before the agent's recording has
     * started: its PoolCreated is replayed then, without a stack trace, and the analyzer reads the
     * library behind it and the application's call into that library from these frames (one a line,
     * innermost first, JDK frames kept, as the analyzer writes an event's frames). Null once the
     * recording runs (the event's own stack trace has them) or past the walk budget.
     */
    static String framesForReplay() {
        if (!Control.recordingPending() || !walkAllowed()) {
            return null;
        }
        return WALKER.walk(new FramesText());
    }

    private static final class FramesText implements java.util.function.Function<java.util.stream.Stream<StackWalker.StackFrame>, String> {
        @Override
        public String apply(java.util.stream.Stream<StackWalker.StackFrame> frames) {
            StringBuilder sb = new StringBuilder();
            int n = 0;
            java.util.Iterator<StackWalker.StackFrame> it = frames.limit(MAX_FRAMES).iterator();
            while (it.hasNext() && n < REPLAY_FRAMES) {
                StackWalker.StackFrame f = it.next();
                String cls = f.getClassName();
                if (isAgentPackage(cls, "dev.threadguard.bootstrap.") || isAgentPackage(cls, "dev.threadguard.agent.")) {
                    continue;
                }
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                int dollar = simple.indexOf('$');
                String file = dollar >= 0 ? simple.substring(0, dollar) : simple;
                int line = f.getLineNumber();
                if (n++ > 0) {
                    sb.append('\n');
                }
                sb.append(cls).append('.').append(f.getMethodName()).append('(').append(file).append(".java");
                if (line > 0) {
                    sb.append(':').append(line);
                }
                sb.append(')');
            }
            return n == 0 ? null : sb.toString();
        }
    }

    /**
     * The first frame of the current stack that is application code: not the JDK, not threadguard,
     * and not a constructor of {@code objectClass}'s own hierarchy (an app's ThreadPoolExecutor subclass).
     * Walks lazily and resolves that one frame only.
     */
    static Site current(Class<?> objectClass) {
        StackWalker.StackFrame top = WALKER.walk(new FirstAppFrame(objectClass));
        if (top == null) {
            return Site.UNKNOWN;
        }
        String cls = top.getClassName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int line = top.getLineNumber();
        return new Site(top.toStackTraceElement().toString(), simple + "." + top.getMethodName() + (line > 0 ? ":" + line : ""));
    }

    private static final class FirstAppFrame implements java.util.function.Function<java.util.stream.Stream<StackWalker.StackFrame>, StackWalker.StackFrame> {
        private final Class<?> objectClass;

        FirstAppFrame(Class<?> objectClass) {
            this.objectClass = objectClass;
        }

        @Override
        public StackWalker.StackFrame apply(java.util.stream.Stream<StackWalker.StackFrame> frames) {
            java.util.Iterator<StackWalker.StackFrame> it = frames.limit(MAX_FRAMES).iterator();
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                if (isInfrastructure(c.getName())) {
                    continue;
                }
                if (objectClass != null && f.getMethodName().equals("<init>") && c.isAssignableFrom(objectClass)) {
                    continue;
                }
                if (CodeSources.firstWalkFrom(c)) {
                    learnOutward(c, it);
                }
                return f;
            }
            return null;
        }
    }

    /**
     * The code sources of the first frame's class and of its callers, the first time a walk meets that class: the
     * application's call into a library is among them. Later walks from it stop at it, as before.
     */
    private static void learnOutward(Class<?> first, java.util.Iterator<StackWalker.StackFrame> rest) {
        CodeSources.learn(first);
        while (rest.hasNext()) {
            Class<?> c = rest.next().getDeclaringClass();
            if (!isInfrastructure(c.getName())) {
                CodeSources.learn(c);
            }
        }
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
