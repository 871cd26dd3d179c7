package dev.threadguard.bootstrap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where the packages on walked creation stacks were loaded from (the facts behind the analyzer's "application
 * or library"). Learned in the walk that finds a creation site, once per class and package: the location is a
 * field of the class's ProtectionDomain, no I/O. Written as CodeSource events by the sampler (JFR's periodic
 * thread, never an application thread), and all again when a recording starts later. Bounded: MAX_PACKAGES.
 */
final class CodeSources {
    private CodeSources() {}

    static final int MAX_PACKAGES = 4096;
    /** Package -> location; "" where none (the boot loader's, a generated class). */
    private static final ConcurrentHashMap<String, String> KNOWN = new ConcurrentHashMap<>();
    /** Learned, not yet written. */
    private static final ConcurrentLinkedQueue<String> FRESH = new ConcurrentLinkedQueue<>();

    /** Whether a walk that met this class first should go on outward: once per class (its callers' packages). */
    private static final ClassValue<boolean[]> WALKED = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
            return new boolean[1];
        }
    };

    /** True the first time a walk meets this class as its first non-JDK frame. Never throws. */
    static boolean firstWalkFrom(Class<?> c) {
        try {
            boolean[] w = WALKED.get(c);
            if (w[0]) {
                return false;
            }
            w[0] = true;
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Learns where the class's package comes from, once per package. Never throws. */
    static void learn(Class<?> c) {
        try {
            String pkg = c.getPackageName();
            if (KNOWN.containsKey(pkg) || KNOWN.size() >= MAX_PACKAGES) {
                return;
            }
            java.security.ProtectionDomain pd = c.getProtectionDomain();
            java.security.CodeSource cs = pd == null ? null : pd.getCodeSource();
            java.net.URL url = cs == null ? null : cs.getLocation();
            String location = url == null ? "" : url.toString();
            if (KNOWN.putIfAbsent(pkg, location) == null && !location.isEmpty()) {
                FRESH.add(pkg);
            }
        } catch (Throwable t) {
            // a security manager's refusal, an odd class: no fact
        }
    }

    /** The location learned for a package, "" when none. */
    static String locationOf(String pkg) {
        return KNOWN.getOrDefault(pkg, "");
    }

    /** Packages learned so far. */
    static int packages() {
        return KNOWN.size();
    }

    /** Writes what was learned since the last call (the sampler's thread). */
    static void flush() {
        String pkg;
        while ((pkg = FRESH.poll()) != null) {
            write(pkg, KNOWN.get(pkg));
        }
    }

    /** A recording started: every package again. */
    static void replay() {
        FRESH.clear();
        for (java.util.Map.Entry<String, String> e : KNOWN.entrySet()) {
            write(e.getKey(), e.getValue());
        }
    }

    private static void write(String pkg, String location) {
        if (location != null && !location.isEmpty()) {
            Emit.codeSource(pkg, location);
        }
    }
}
