package dev.threadguard.bootstrap;

import java.lang.ref.WeakReference;

/** A worker thread of a pool or family, held weakly, with the CPU time seen at the previous sample. */
final class WorkerRef extends WeakReference<Thread> {
    final long threadId;
    /** The pool or family whose list holds it ({@link Owners} finds a thread's owner through it). */
    final PoolState owner;
    /** -1 until the first sample, for a thread that ran before the agent saw it. */
    long lastCpuNanos;
    /** The same for {@link Live}'s reads, which keep their own pace. */
    long liveCpuNanos;

    @SuppressWarnings("deprecation")
    WorkerRef(Thread thread, boolean fresh, PoolState owner) {
        super(thread);
        this.threadId = thread.getId();
        this.owner = owner;
        this.lastCpuNanos = fresh ? 0 : -1;
        this.liveCpuNanos = lastCpuNanos;
    }
}
