package dev.threadguard.bootstrap;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** Threads started outside any pool the agent knows, grouped into families (FamilyState). */
final class Families {
    private Families() {}

    /** Families beyond this many are folded into one, so a program that names every thread uniquely stays bounded. */
    static final int MAX_FAMILIES = 2048;

    private static final ConcurrentHashMap<String, FamilyState> FAMILIES = new ConcurrentHashMap<>();

    /** A family's state was dropped: a thread of its pattern that starts later begins a new one. */
    static void dropped(FamilyState f) {
        FAMILIES.remove(f.key, f);
    }

    /**
     * The family of a thread no pool claims: by name pattern, thread class and the pool of the thread
     * that starts it ({@code creator}, null for none).
     */
    static FamilyState of(Thread t, PoolState creator) {
        long creatorId = creator == null ? 0 : creator.id;
        String name = t.getName();
        String threadClass = t.getClass().getName();
        if (creator instanceof FamilyState && ((FamilyState) creator).isFamilyOf(name, threadClass)) {
            // a pool that starts its own threads (Jetty's QueuedThreadPool) stays one family
            return (FamilyState) creator;
        }
        // thread churn: the family the previous start found, without building its pattern and key
        FamilyState last = lastFound;
        if (last != null && last.creatorPoolId == creatorId && !last.forgotten && last.isFamilyOf(name, threadClass)) {
            return last;
        }
        FamilyState f = lookUp(name, threadClass, creatorId);
        lastFound = f;
        return f;
    }

    /** The family the last thread start that was not its creator's own found. */
    private static volatile FamilyState lastFound;

    private static FamilyState lookUp(String name, String threadClass, long creatorId) {
        String pattern = Sites.namePattern(name);
        String key = pattern + '|' + threadClass + '|' + creatorId;
        FamilyState f = FAMILIES.get(key);
        if (f != null) {
            return f;
        }
        if (FAMILIES.size() >= MAX_FAMILIES) {
            key = "*|other|0";
            pattern = "* (more families than threadguard tracks)";
            f = FAMILIES.get(key);
            if (f != null) {
                return f;
            }
        }
        FamilyState created = new FamilyState(Registry.nextId(), key, pattern, threadClass, Sites.current(null), creatorId);
        created.creationFrames = Sites.framesForReplay();
        f = FAMILIES.putIfAbsent(key, created);
        if (f != null) {
            return f;
        }
        Emit.poolCreated(created, false);
        return created;
    }

    static int size() {
        return FAMILIES.size();
    }

    static Collection<FamilyState> all() {
        return FAMILIES.values();
    }
}
