package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;

/**
 * Threads started outside any pool the agent knows (a library's own loop threads, a thread per
 * request), grouped by name pattern, thread class and creator: nothing configures their number.
 */
final class FamilyKind extends PoolKind {
    FamilyKind() {
        super(Schema.KIND_FAMILY, "threads", "thread family", Width.SEEN, Busy.THREAD_STATES);
    }

    @Override
    public String workers() {
        return "threads";
    }

    @Override
    public boolean threadsOnly() {
        return true;
    }

    @Override
    public String shutdownCall() {
        return "";
    }

    @Override
    public String constructor(String poolClass, int core, int max, int size) {
        return "";
    }
}
