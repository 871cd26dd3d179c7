package dev.threadguard.analyzer.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.golden.Baseline;
import dev.threadguard.analyzer.programs.NestedProgram;
import dev.threadguard.analyzer.support.Child;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report DIR: recordings of several hosts under one directory, grouped by the host the agent
 * recorded (or, for recordings without it, their directory), each host analysed on its own.
 */
class FleetIT {
    @TempDir
    Path fleet;

    @Test
    void groupsByHostAndSummarizesPerHostAndFleetWide() throws Exception {
        // two "hosts" of stored recordings (made before recordings carried the host name: grouped by directory)
        Path a = Files.createDirectories(fleet.resolve("batch-1"));
        Path b = Files.createDirectories(fleet.resolve("batch-2"));
        Files.copy(Baseline.unpacked(Baseline.DIR.resolve("nested-forkjoin.jfr.gz")), a.resolve("p1.jfr"));
        Files.copy(Baseline.unpacked(Baseline.DIR.resolve("healthy.jfr.gz")), a.resolve("p2.jfr"));
        Files.copy(Baseline.unpacked(Baseline.DIR.resolve("healthy.jfr.gz")), b.resolve("p3.jfr"));
        // and one made now by the real agent, which records the host name
        Path fresh = Child.recordWithAgent("fleet-nested", NestedProgram.class, List.of(), "broken");
        Path c = Files.createDirectories(fleet.resolve("incoming"));
        Files.copy(fresh, c.resolve("p4.jfr"));
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "--format", "json", "--fail-on", "warning", fleet.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code, "findings somewhere in the fleet: exit 1 with --fail-on warning\n" + err);
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals(3, r.get("hosts").asInt(), out.toString());
        assertEquals(4, r.get("processes").asInt());
        JsonNode byHost = r.get("byHost");
        assertEquals("dir:batch-1", byHost.get(0).get("host").asText());
        assertEquals(2, byHost.get(0).get("processes").asInt());
        assertEquals("dir:batch-2", byHost.get(1).get("host").asText());
        assertEquals(0, byHost.get(1).get("findings").size(), "the healthy host stays quiet");
        assertEquals(hostname, byHost.get(2).get("host").asText(), "grouped by the host name the agent recorded");
        assertTrue(byHost.get(0).get("findings").toString().contains("nested-parallelism"), byHost.get(0).toString());
        JsonNode nested = r.get("byRule").get("nested-parallelism");
        assertEquals(2, nested.get("hosts").asInt(), r.get("byRule").toString());
        assertTrue(List.of("warning", "critical").contains(nested.get("worst").asText()), nested.toString());

        StringWriter text = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", fleet.toString()}, new PrintWriter(text), new PrintWriter(new StringWriter())));
        assertTrue(text.toString().startsWith("threadguard fleet report: 3 hosts, 4 processes (4 recordings)"), text.toString());
        assertTrue(text.toString().contains("host dir:batch-2: 1 process,") && text.toString().contains("no findings"), text.toString());
        assertTrue(text.toString().contains("nested-parallelism") && text.toString().contains("on 2 of 3 hosts"), text.toString());
    }

    @Test
    void aJfrRepositoryIsOneRecordingNotAFleet() throws Exception {
        // a cut run leaves its chunks in a repository directory: report DIR reads that as one recording
        Path repo = Files.createDirectories(fleet.resolve("2026_11_26_14_09_29_4242"));
        Files.copy(Baseline.unpacked(Baseline.DIR.resolve("healthy.jfr.gz")), repo.resolve("2026_11_26_14_09_29.jfr"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", repo.toString()}, new PrintWriter(out), new PrintWriter(err)), err.toString());
        assertTrue(out.toString().startsWith("threadguard report"), out.toString());
        // under a fleet directory it is one process of its host
        StringWriter fl = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", fleet.toString()}, new PrintWriter(fl), new PrintWriter(new StringWriter())));
        assertTrue(fl.toString().startsWith("threadguard fleet report: 1 host, 1 process (1 recording)"), fl.toString());
    }
}
