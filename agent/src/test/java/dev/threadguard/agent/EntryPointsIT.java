package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.AttachProgram;
import testapp.HelloProgram;

/**
 * Every entry point tells the truth: attach reports the agent's own answer (before, it said "loaded"
 * and exited 0 while the agent disabled itself on the target's stderr), a second attach says it
 * changed nothing, a bad file= is one line before main runs.
 */
class EntryPointsIT {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void attachSaysWhatTheAgentDid(String java) throws Exception {
        Path go = dir.resolve("go");
        Path rec = dir.resolve("attached.jfr");
        Path err = dir.resolve("err.txt");
        Process app = AgentRun.startForAttach(java, dir, AttachProgram.class, go.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "app: " + ready);
            String pid = ready.substring("ready ".length());

            AgentRun.Attached bad = AgentRun.attach(java, pid, "perod=1s");
            assertEquals(2, bad.exit, bad.output);
            assertEquals(1, bad.output.lines().count(), bad.output);
            assertTrue(bad.output.contains("unknown option 'perod'"), bad.output);

            AgentRun.Attached first = AgentRun.attach(java, pid, "file=" + rec + ",period=100ms");
            assertEquals(0, first.exit, first.output);
            assertTrue(first.output.lines().anyMatch(l -> l.startsWith("threadguard: agent loaded into " + pid + ": recording to " + rec)),
                first.output);

            AgentRun.Attached second = AgentRun.attach(java, pid, "file=" + dir.resolve("other.jfr"));
            assertEquals(1, second.exit, second.output);
            assertTrue(second.output.lines().anyMatch(l -> l.contains("already in this JVM: recording to " + rec)
                && l.contains("changed nothing")), second.output);

            Files.writeString(go, "go");
            assertTrue(app.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue(), Files.readString(err));
        } finally {
            app.destroyForcibly();
        }
        assertTrue(Files.size(rec) > 0);
        assertFalse(Files.exists(dir.resolve("other.jfr")), "the second attach's file= was not applied, as it said");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anUnwritableFileIsOneLineBeforeMain(String java) throws Exception {
        Path rec = dir.resolve("no-such-dir").resolve("rec.jfr");
        AgentRun run = AgentRun.run(AgentRun.command(java, "file=" + rec, List.of(), AgentRun.testClasses(), HelloProgram.class, "0"),
            rec, dir);
        assertEquals(0, run.exitCode);
        List<String> lines = run.stderr.lines().toList();
        assertEquals(2, lines.size(), run.stderr);
        assertTrue(lines.get(0).startsWith("threadguard: option 'file': no directory "), run.stderr);
        assertEquals("the app's own stderr line", lines.get(1), "said before main ran");
    }
}
