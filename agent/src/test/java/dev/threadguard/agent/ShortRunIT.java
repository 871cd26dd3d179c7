package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.ShortProgram;

/**
 * A program that ends before JFR could start in the background (~0.4 s) still leaves a recording
 * with its pool, the host and a sample: before, it left nothing, silently.
 */
class ShortRunIT {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    private void assertRecorded(AgentRun run) throws Exception {
        assertTrue(Files.size(run.recording) > 0, "no recording; stderr: " + run.stderr);
        assertFalse(run.stderr.contains("threadguard:"), run.stderr);
        String site = "ShortProgram.java:" + AgentRun.lineOf(ShortProgram.class, "SHORT-POOL");
        RecordedEvent pool = run.pool(site);
        List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == pool.getLong(Schema.POOL_ID));
        assertFalse(samples.isEmpty(), "a sample of the pool");
        assertFalse(run.events(Schema.HOST).isEmpty(), "host facts");
        assertFalse(run.events(Schema.PROCESS_THREADS).isEmpty(), "process threads");
        assertTrue(run.events(Schema.POOL_SHUTDOWN, e -> e.getLong(Schema.POOL_ID) == pool.getLong(Schema.POOL_ID)).stream()
            .anyMatch(e -> Schema.PHASE_TERMINATED.equals(e.getString(Schema.PHASE))), "its end");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aProgramThatReturnsAtOnceLeavesARecording(String java) throws Exception {
        Path rec = dir.resolve("rec.jfr");
        AgentRun run = AgentRun.run(AgentRun.command(java, "file=" + rec, List.of(), AgentRun.testClasses(), ShortProgram.class),
            rec, dir);
        assertEquals(0, run.exitCode, run.stderr);
        assertRecorded(run);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aProgramThatCallsSystemExitAtOnceLeavesARecordingAndKeepsItsExitCode(String java) throws Exception {
        Path rec = dir.resolve("rec.jfr");
        AgentRun run = AgentRun.run(AgentRun.command(java, "file=" + rec, List.of(), AgentRun.testClasses(), ShortProgram.class, "3"),
            rec, dir);
        assertEquals(3, run.exitCode, run.stderr);
        assertRecorded(run);
    }
}
