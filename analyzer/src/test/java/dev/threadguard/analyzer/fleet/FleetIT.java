package dev.threadguard.analyzer.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.golden.Baseline;
import dev.threadguard.analyzer.programs.NestedProgram;
import dev.threadguard.analyzer.support.Child;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Recordings;
import dev.threadguard.analyzer.support.Reports;
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
        // the goldens carry the host the real agent recorded them on; a plain JFR recording carries none
        // and is grouped by its directory; one made now carries this machine's name
        Path a = Files.createDirectories(fleet.resolve("batch-1"));
        Path b = Files.createDirectories(fleet.resolve("batch-2"));
        Files.copy(Baseline.unpacked(Baseline.DIR.resolve("nested-forkjoin.jfr.gz")), a.resolve("p1.jfr"));
        Files.copy(Baseline.unpacked(Baseline.DIR.resolve("healthy.jfr.gz")), a.resolve("p2.jfr"));
        Files.copy(Recordings.get("small-plain").get(0), b.resolve("p3.jfr"));
        Path fresh = Child.recordWithAgent("fleet-nested", NestedProgram.class, List.of(), "broken");
        Path c = Files.createDirectories(fleet.resolve("incoming"));
        Files.copy(fresh, c.resolve("p4.jfr"));
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        String goldenHost = Fleet.host(a.resolve("p1.jfr"));
        assertFalse(goldenHost.startsWith("dir:"), "the goldens carry their host's name: " + goldenHost);
        assertEquals(goldenHost, Fleet.host(a.resolve("p2.jfr")));
        // on the machine that recorded the goldens, the fresh recording is of their host too
        int hosts = goldenHost.equals(hostname) ? 2 : 3;

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "--format", "json", "--fail-on", "warning", fleet.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code, "findings somewhere in the fleet: exit 1 with --fail-on warning\n" + err);
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals(hosts, r.get("hosts").asInt(), out.toString());
        assertEquals(4, r.get("processes").asInt());
        JsonNode plain = host(r, "dir:batch-2");
        assertEquals(1, plain.get("processes").asInt(), plain.toString());
        assertEquals(0, plain.get("findings").size(), "the healthy host stays quiet");
        JsonNode golden = host(r, goldenHost);
        assertEquals(hosts == 2 ? 3 : 2, golden.get("processes").asInt(), golden.toString());
        assertTrue(golden.get("findings").toString().contains("nested-parallelism"), golden.toString());
        assertEquals(hostname, host(r, hostname).get("host").asText(), "grouped by the host name the agent recorded");
        JsonNode nested = r.get("byRule").get("nested-parallelism");
        assertEquals(hosts - 1, nested.get("hosts").asInt(), r.get("byRule").toString());
        // the fleet's worst is the worst of its hosts' own reports (each host's recordings analysed together)
        java.util.Map<String, List<Path>> byHost = new java.util.LinkedHashMap<>();
        for (Path p : List.of(a.resolve("p1.jfr"), a.resolve("p2.jfr"), b.resolve("p3.jfr"), c.resolve("p4.jfr"))) {
            byHost.computeIfAbsent(Fleet.host(p), k -> new java.util.ArrayList<>()).add(p);
        }
        Severity worst = null;
        for (List<Path> files : byHost.values()) {
            for (var f : Reports.analyse(files).findings) {
                if (f.rule().equals("nested-parallelism") && (worst == null || f.severity().compareTo(worst) > 0)) {
                    worst = f.severity();
                }
            }
        }
        assertTrue(worst == Severity.WARNING || worst == Severity.CRITICAL, "nested-forkjoin's workers waited for a CPU: " + worst);
        assertEquals(worst.label(), nested.get("worst").asText(), nested.toString());

        StringWriter text = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", fleet.toString()}, new PrintWriter(text), new PrintWriter(new StringWriter())));
        assertTrue(text.toString().startsWith("threadguard fleet report: " + hosts + " hosts, 4 processes (4 recordings)"),
                text.toString());
        assertTrue(text.toString().contains("host dir:batch-2: 1 process,") && text.toString().contains("no findings"), text.toString());
        assertTrue(text.toString().contains("nested-parallelism") && text.toString().contains("on " + (hosts - 1) + " of "
                + hosts + " hosts"), text.toString());
    }

    private static JsonNode host(JsonNode report, String name) {
        for (JsonNode h : report.get("byHost")) {
            if (h.get("host").asText().equals(name)) {
                return h;
            }
        }
        throw new AssertionError("no host " + name + " in " + report.get("byHost"));
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
