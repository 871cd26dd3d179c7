package dev.threadguard.analyzer.programs;

import dev.threadguard.events.OsThreadsSeen;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the real agent cannot be made to record on demand: OS threads that no Java code started (an
 * OpenMP or BLAS pool) without a native library. Writes them into the real agent's recording as extra OS
 * census rows with invented thread ids; everything else in the recording is the agent's.
 */
public final class MiniAgent {
    private MiniAgent() {}

    private static final AtomicLong FAKE_TID = new AtomicLong(4_000_000_000L);

    /** {@code count} native threads named {@code comm} (cut to 15 characters, as the kernel does). */
    public static void nativeThreads(String comm, int count) throws InterruptedException {
        Work.awaitRecording(); // events committed before it starts are lost
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.append(ids.length() > 0 ? " " : "").append(FAKE_TID.incrementAndGet());
        }
        OsThreadsSeen e = new OsThreadsSeen();
        e.comm = comm.length() > 15 ? comm.substring(0, 15) : comm;
        e.count = count;
        e.osThreadIds = ids.toString();
        e.census = false;
        e.commit();
    }
}
