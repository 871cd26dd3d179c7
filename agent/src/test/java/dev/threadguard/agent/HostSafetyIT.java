package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.PoolChurnProgram;

/**
 * The agent never runs its host out of memory: state of ended pools is released when they end, not
 * at a sampling tick, with or without a recording (these ran out of memory after ~100k pools before).
 */
class HostSafetyIT {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    private AgentRun churn(String java, String heap, String options, String... args) throws Exception {
        Path rec = dir.resolve("rec.jfr");
        AgentRun r = AgentRun.run(AgentRun.command(java, "file=" + rec + (options.isEmpty() ? "" : "," + options),
            List.of(heap), AgentRun.testClasses(), PoolChurnProgram.class, args), rec, dir);
        assertEquals(0, r.exitCode, r.stdout + r.stderr);
        assertTrue(r.stdout.contains("pools " + args[0]), r.stdout + r.stderr);
        assertFalse(r.stderr.contains("OutOfMemoryError") || r.stderr.contains("ASSERTION"), r.stderr);
        return r;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aMillionPoolsWithoutARecordingFitIn64MB(String java) throws Exception {
        churn(java, "-Xmx64m", "recording=never", "1000000");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aMillionPoolsRecordedWithAnHourlySampleFitIn64MB(String java) throws Exception {
        churn(java, "-Xmx64m", "period=1h", "1000000");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void leakedPoolsAreForgottenWhenCollected(String java) throws Exception {
        churn(java, "-Xmx24m", "", "300000", "leak");
    }
}
