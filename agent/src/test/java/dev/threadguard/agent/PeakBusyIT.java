package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.PeakBusyProgram;

/**
 * Busy counts tasks, not workers that still hold one: a task whose Future is set is over, although its
 * worker, on a crowded CPU, may wait long for one to reach afterExecute while the next round runs
 * (the agent before this read 14-15 busy at once for these 4 tasks).
 */
class PeakBusyIT {

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void exactlyKTasksAtOnceReadAsKBusyOnACrowdedCpu(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), PeakBusyProgram.class);
        RecordedEvent pool = run.pool("PeakBusyProgram.java:" + lineOf(PeakBusyProgram.class, "PEAK-POOL"));
        List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == pool.getLong(Schema.POOL_ID));
        assertTrue(samples.size() >= 3, "samples: " + samples.size());
        assertEquals(PeakBusyProgram.K, samples.stream().mapToInt(e -> e.getInt(Schema.PEAK_BUSY)).max().getAsInt(),
            "all K tasks meet at a latch, so K ran at once; never more");
        assertTrue(samples.stream().allMatch(e -> e.getInt(Schema.BUSY) <= PeakBusyProgram.K));
        // the spinners crowded the CPU: the OS measured the pool's workers waiting for one
        long waited = samples.stream().mapToLong(e -> e.getDuration(Schema.RUN_QUEUE_WAIT).toNanos()).sum();
        assertTrue(waited > 0, "the pool's workers waited for a CPU: " + waited);
    }
}
