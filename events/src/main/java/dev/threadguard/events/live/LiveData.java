package dev.threadguard.events.live;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where readers find the agent's live view of pools and threads. The agent defines this class in
 * the bootstrap class loader and installs its source; an application's copy of the class (from the
 * Micrometer binder's dependencies) then resolves to that one. Without the agent the source is null.
 */
public final class LiveData {
    private LiveData() {}

    /** What the agent offers; read on demand (a scrape), each call a fresh look. */
    public interface Source {
        /** Every live pool and thread family, oldest first. */
        List<PoolView> pools();

        ProcessView process();
    }

    private static volatile Source source;

    /** Called by the agent once it is installed. */
    public static void install(Source s) {
        source = s;
    }

    /** The agent's source, or null when no threadguard agent runs in this JVM. */
    public static Source source() {
        return source;
    }

    private static volatile Supplier<List<FindingView>> findings;

    /** Called by the agent's live findings (warn=) once they run. */
    public static void installFindings(Supplier<List<FindingView>> s) {
        findings = s;
    }

    /** The findings holding now, or null when the rules do not run in this JVM. */
    public static List<FindingView> findings() {
        Supplier<List<FindingView>> s = findings;
        return s == null ? null : s.get();
    }
}
