package dev.threadguard.analyzer.model;

import java.util.List;

/** Names (comm, 15 characters) of the threads the JVM itself runs: GC, compilers, VM thread, JFR, ... */
public final class JvmThreads {
    private JvmThreads() {}

    private static final List<String> PREFIXES = List.of("VM Thread", "GC Thread#", "G1 ", "VM Periodic Tas",
            "C1 CompilerThre", "C2 CompilerThre", "Sweeper thread", "JFR ", "Common-Cleaner", "Signal Dispatch",
            "Service Thread", "Monitor Deflati", "Notification Th", "Attach Listener", "Finalizer",
            "Reference Handl", "ZWorker", "ZDirector", "ZDriver", "ZStat", "ZUncommitter", "ZUnmapper",
            "ZRuntimeWorker", "ZMarkStack", "ZRelocate", "Shenandoah", "StrDedup", "Parallel GC", "ParGC",
            "Conc#", "JVMCI", "Thread-JVMCI", "CompilerThread", "Cleaner-", "DestroyJavaVM",
            "process reaper", "Java2D", "AWT-", "Unknown thread", "VM Operation", "Periodic Task",
            "GC Worker", "Reference Proces", "Dispatcher", "Monitor Deflation", "JDWP", "ZGC", "G1_");

    public static boolean isInternal(String comm) {
        for (String p : PREFIXES) {
            if (comm.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
