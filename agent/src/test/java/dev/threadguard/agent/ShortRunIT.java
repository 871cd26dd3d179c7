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
import testapp.CrowdedStartProgram;
import testapp.ShortProgram;

/**
 * A program that ends before JFR could start in the background (~0.4 s) still leaves a recording
 * with its pool, the host and a sample: before, it left nothing, silently.
 */
class ShortRunIT {
    /** 8 a CPU got main's agent its recording in 5-13 s (within its 10 s in most runs), 16 in 8-10 s. */
    static final int SPINNERS_PER_CPU = 24;

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

    /**
     * A program whose threads crowd the CPUs from its first millisecond (24 spinning threads a CPU)
     * and whose main() returns after 6 s with them still spinning leaves a recording with its pool.
     * The agent's background JFR start gets a small share of the CPUs then (10-16 s to start on 2
     * CPUs); it used to be waited for at most 10 s counted from premain, and such runs left no
     * recording. The wait now counts from main's end and lasts while the start makes progress, so
     * the verdict does not depend on how loaded the machine is.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aProgramThatCrowdsTheCpusFromItsStartLeavesARecording(String java) throws Exception {
        Path rec = dir.resolve("rec.jfr");
        // sized to this host's CPUs: the same crowding wherever it runs
        String spinners = Integer.toString(SPINNERS_PER_CPU * Runtime.getRuntime().availableProcessors());
        AgentRun run = AgentRun.run(AgentRun.command(java, "file=" + rec, List.of(), AgentRun.testClasses(),
            CrowdedStartProgram.class, spinners, "6000"), rec, dir);
        assertEquals(0, run.exitCode, run.stderr);
        assertTrue(run.stdout.contains("crowded done"), run.stdout);
        assertTrue(Files.exists(rec) && Files.size(rec) > 0, "no recording; stderr: " + run.stderr);
        assertFalse(run.stderr.contains("threadguard:"), run.stderr);
        RecordedEvent pool = run.pool("CrowdedStartProgram.java:" + AgentRun.lineOf(CrowdedStartProgram.class, "CROWDED-POOL"));
        assertEquals(Integer.parseInt(spinners), pool.getInt("corePoolSize"));
        List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == pool.getLong(Schema.POOL_ID));
        assertTrue(samples.stream().anyMatch(e -> e.getLong(Schema.BUSY) > 0), "its workers busy: " + samples);
        assertFalse(run.events(Schema.HOST).isEmpty(), "host facts");
        assertFalse(run.events(Schema.PROCESS_THREADS).isEmpty(), "process threads");
    }
}
