package dev.threadguard.events.kinds;

import dev.threadguard.events.Schema;

/** The JVM's common ForkJoinPool (parallel streams, CompletableFuture's async methods): sized by the JVM. */
final class CommonPoolKind extends ForkJoinKind {
    CommonPoolKind() {
        super(Schema.KIND_COMMON_POOL, "common pool");
    }

    @Override
    public boolean is(String kindId) {
        return super.is(kindId) || "ForkJoinCommonPool".equals(kindId);
    }

    @Override
    public boolean jvmOwned() {
        return true;
    }

    /** availableProcessors() - 1, at least 1, unless the system property says otherwise. */
    @Override
    public String defaultRelation() {
        return "n-1";
    }

    @Override
    public String constructor(String poolClass, int core, int max, int size) {
        return "-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + size;
    }
}
