package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.programs.KilledProgram;
import dev.threadguard.analyzer.support.Child;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL three seconds into a run under the real agent (an OOM killer, a watchdog): the recording
 * file is empty, and {@code report} on it reads the chunks JFR's repository holds and says the run
 * was cut, within seconds. Before, the file was "empty, not a JFR recording", and the repository hung it.
 */
class CutRunIT {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledRunIsReportedFromItsChunks() throws Exception {
        Path file = Child.workDir().resolve("killed.jfr");
        Path marker = Child.workDir().resolve("killed.jfr.part");
        Files.deleteIfExists(file);
        Files.deleteIfExists(marker);
        Process p = new ProcessBuilder(Child.java(), "-javaagent:" + Child.agentJar() + "=file=" + file + ",period=250ms",
            "-cp", Child.classPath(), KilledProgram.class.getName())
            .redirectErrorStream(true).redirectOutput(Child.workDir().resolve("killed.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(marker), "the agent names JFR's repository while it records");
            Thread.sleep(3000); // a few flushes (JFR writes its buffers to the chunk every second)
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(0, Files.size(file), "SIGKILL: JFR never wrote the file");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = Main.run(new String[] {"report", "--format", "json", file.toString()}, new PrintWriter(out), new PrintWriter(err));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(0, code, err.toString());
        assertTrue(seconds < 20, "read in " + seconds + " s");
        assertTrue(err.toString().contains("the run was cut"), err.toString());
        String json = out.toString();
        assertTrue(json.matches("(?s).*\"cut\"\\s*:\\s*true.*"), json);
        assertTrue(json.contains("KilledProgram"), "the pool created before the kill is in the report: " + json);
        Files.deleteIfExists(marker);
    }
}
