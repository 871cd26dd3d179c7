package dev.threadguard.events;

/**
 * Thread-name rules shared by the agent (which groups threads into families by them) and the analyzer
 * (which matches names and OS comms back to those families): one definition, one answer.
 */
public final class ThreadNames {
    private ThreadNames() {}

    /** Name pattern of a thread with an empty or missing name. */
    public static final String UNNAMED = "<unnamed>";
    /** Linux keeps the first 15 bytes of a thread's name as its comm. */
    public static final int COMM_LENGTH = 15;

    /**
     * The thread name with its trailing number, the thread's index within its owner, replaced by *:
     * nioEventLoopGroup-3-7 -> nioEventLoopGroup-3-*, elasticsearch[T#3] -> elasticsearch[T#*]. The
     * numbers that name the owning instance are kept, so that an object created per request shows as
     * a family created again and again: a number with text after it (HttpClient-7-SelectorManager)
     * and the owner after " | " (kafka-producer-network-thread | producer-7).
     */
    public static String namePattern(String name) {
        if (name == null || name.isEmpty()) {
            return UNNAMED;
        }
        int owner = name.indexOf(" | ");
        if (owner > 0) {
            return namePattern(name.substring(0, owner)) + name.substring(owner);
        }
        int end = name.length();
        while (end > 0 && !Character.isLetterOrDigit(name.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || !Character.isDigit(name.charAt(end - 1))) {
            return name;
        }
        int start = end;
        while (start > 0 && Character.isDigit(name.charAt(start - 1))) {
            start--;
        }
        return name.substring(0, start) + "*" + name.substring(end);
    }

    /**
     * True when {@code namePattern(name)} equals {@code pattern}, without building the pattern: a thread
     * start asks this of the family the previous start found (thread churn starts thousands a second).
     */
    public static boolean hasPattern(String name, String pattern) {
        if (name == null || name.isEmpty() || name.contains(" | ")) {
            return namePattern(name).equals(pattern);
        }
        int end = name.length();
        while (end > 0 && !Character.isLetterOrDigit(name.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || !Character.isDigit(name.charAt(end - 1))) {
            return name.equals(pattern);
        }
        int start = end;
        while (start > 0 && Character.isDigit(name.charAt(start - 1))) {
            start--;
        }
        int tail = name.length() - end;
        return pattern.length() == start + 1 + tail && pattern.charAt(start) == '*'
            && pattern.regionMatches(0, name, 0, start) && pattern.regionMatches(start + 1, name, end, tail);
    }

    /** The Linux comm of a Java thread: its name cut to 15 characters. */
    public static String comm(String javaName) {
        return javaName.length() > COMM_LENGTH ? javaName.substring(0, COMM_LENGTH) : javaName;
    }

    /** Comm prefixes of the JVM's JIT compiler threads: C1, C2, and Graal's JVMCI ones. */
    private static final java.util.List<String> JIT_COMPILERS = java.util.List.of("C1 CompilerThre", "C2 CompilerThre",
            "CompilerThread", "JVMCI");

    /** Comm prefixes of the threads the JVM itself runs: GC, compilers, VM thread, JFR, ... */
    private static final java.util.List<String> JVM_INTERNAL = java.util.List.of("VM Thread", "GC Thread#", "G1 ",
            "VM Periodic Tas", "C1 CompilerThre", "C2 CompilerThre", "Sweeper thread", "JFR ", "Common-Cleaner",
            "Signal Dispatch", "Service Thread", "Monitor Deflati", "Notification Th", "Attach Listener", "Finalizer",
            "Reference Handl", "ZWorker", "ZDirector", "ZDriver", "ZStat", "ZUncommitter", "ZUnmapper",
            "ZRuntimeWorker", "ZMarkStack", "ZRelocate", "Shenandoah", "StrDedup", "Parallel GC", "ParGC",
            "Conc#", "JVMCI", "Thread-JVMCI", "CompilerThread", "Cleaner-", "DestroyJavaVM",
            "process reaper", "Java2D", "AWT-", "Unknown thread", "VM Operation", "Periodic Task",
            "GC Worker", "Reference Proces", "Dispatcher", "Monitor Deflation", "JDWP", "ZGC", "G1_");

    /** True for the comm of one of the JVM's JIT compiler threads (its CPU is the JVM compiling its code). */
    public static boolean isJitCompiler(String comm) {
        for (String p : JIT_COMPILERS) {
            if (comm.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True for the comm of a thread the JVM runs for itself, as opposed to the application's or a native library's. */
    public static boolean isJvmInternal(String comm) {
        for (String p : JVM_INTERNAL) {
            if (comm.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
