package dev.threadguard.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.support.Child;
import dev.threadguard.analyzer.support.Recordings;
import dev.threadguard.analyzer.support.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract: formats, exit codes, threshold overrides, and bad input in one line. */
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        Recordings.startAll();
    }

    private static String rec(String name) {
        return Recordings.first(name).toString();
    }

    private static void oneCleanErrorLine(Reports.Run r, String mustContain) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected: " + r.err());
        assertTrue(lines[0].startsWith("threadguard: "), lines[0]);
        assertTrue(lines[0].contains(mustContain), lines[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void exitCodeFollowsFailOn() {
        String f = rec("sized-broken"); // two infos: pool-sized-to-cores with no measured CPU wait, processor count
        assertEquals(0, Reports.cli("report", f).code());
        assertEquals(0, Reports.cli("report", "--fail-on", "warning", f).code());
        assertEquals(1, Reports.cli("report", "--fail-on", "info", f).code());
        assertEquals(0, Reports.cli("report", "--fail-on", "critical", f).code());
        assertEquals(0, Reports.cli("report", "--fail-on", "info", rec("small-agent")).code());
    }

    @Test
    void thresholdOverrideChangesTheVerdict() {
        String f = rec("sized-broken");
        Reports.Run normal = Reports.cli("report", "--format", "json", f);
        assertTrue(normal.out().contains("\"rule\": \"pool-sized-to-cores\""));
        Reports.Run strict = Reports.cli("report", "--format", "json", "--threshold",
                "pool-sized-to-cores.maxBusyRatio=0.2", f);
        assertEquals(0, strict.code(), strict.err());
        assertFalse(strict.out().contains("\"rule\": \"pool-sized-to-cores\""), strict.out());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        String f = rec("small-agent");
        oneCleanErrorLine(Reports.cli("report", "--format", "pdf", f), "unknown format");
        oneCleanErrorLine(Reports.cli("report", "--fail-on", "sometimes", f), "--fail-on");
        oneCleanErrorLine(Reports.cli("report", "--threshold", "no-such-rule.x=1", f), "unknown threshold");
        assertEquals(2, Reports.cli("report").code());
        assertEquals(2, Reports.cli().code());
        assertEquals(2, Reports.cli("frobnicate").code());
    }

    @Test
    void badInputExitsTwoWithOneClearLine() throws Exception {
        oneCleanErrorLine(Reports.cli("report", tmp.resolve("missing.jfr").toString()), "no such file");
        Path empty = Files.createFile(tmp.resolve("empty.jfr"));
        oneCleanErrorLine(Reports.cli("report", empty.toString()), "empty file");
        Path text = Files.writeString(tmp.resolve("text.jfr"), "this is not a recording\n");
        oneCleanErrorLine(Reports.cli("report", text.toString()), "not a JFR recording");
        // a directory is a fleet report; here every recording in it is unreadable
        oneCleanErrorLine(Reports.cli("report", tmp.toString()), "no readable recording in the directory");
        byte[] real = Files.readAllBytes(Path.of(rec("small-agent")));
        Path cut = Files.write(tmp.resolve("cut.jfr"), Arrays.copyOf(real, real.length / 2));
        oneCleanErrorLine(Reports.cli("report", cut.toString()), "truncated");
        byte[] corrupt = real.clone();
        for (int i = 200; i < corrupt.length - 100; i++) {
            corrupt[i] = (byte) (i * 7);
        }
        Path bad = Files.write(tmp.resolve("corrupt.jfr"), corrupt);
        oneCleanErrorLine(Reports.cli("report", bad.toString()), "corrupt");
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Path text = Files.writeString(tmp.resolve("text2.jfr"), "nope");
        Reports.Run r = Reports.cli("report", "--verbose", text.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void truncatedRecordingKeepsItsIntactChunksWithAWarning() throws Exception {
        // two chunks (chunks are self-contained, so two recordings back to back are one valid file), the second cut
        byte[] a = Files.readAllBytes(Path.of(rec("sized-broken")));
        byte[] b = Files.readAllBytes(Path.of(rec("small-agent")));
        byte[] both = Arrays.copyOf(a, a.length + b.length / 2);
        System.arraycopy(b, 0, both, a.length, b.length / 2);
        Path f = Files.write(tmp.resolve("two-chunks-cut.jfr"), both);
        Reports.Run r = Reports.cli("report", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains("warning") && r.err().contains("truncated in chunk 2")
                && r.err().contains("1 intact chunk"), r.err());
        assertTrue(r.out().contains("pool-sized-to-cores"), "the intact chunk's findings: " + r.out());
        assertTrue(r.out().contains("TRUNCATED"), r.out());
    }

    @Test
    void textReportFitsEightyColumnsMostSevereFirst() {
        for (String name : List.of("sized-broken", "nested-broken", "nested-common", "limit-broken", "native-broken",
                "small-plain", "small-script")) {
            Reports.Run r = Reports.cli("report", rec(name));
            assertEquals(0, r.code(), r.err());
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= 80, name + ": " + line.length() + " columns: " + line);
            }
        }
        String out = Reports.cli("report", rec("nested-common")).out();
        assertTrue(out.indexOf("CRITICAL") < out.indexOf("INFO"), out);
        assertTrue(out.contains("Pools (") && out.contains("Host") && out.contains("creation site"), out);
    }

    @Test
    void plainRecordingSaysWhichRulesNeedTheAgentAndShowsJdkFacts() {
        Reports.Run r = Reports.cli("report", rec("small-plain"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("need the threadguard agent"), r.out());
        assertTrue(r.out().contains("pool-sized-to-cores"), r.out());
        assertTrue(r.out().contains("peak live Java threads"), r.out());
        assertTrue(r.out().contains("main -starts-> pool-1-thread-*  (2)"), r.out());
        assertTrue(r.out().contains("JVM CPU mean"), r.out());
    }

    @Test
    void jsonReportIsValidAndComplete() throws Exception {
        Reports.Run r = Reports.cli("report", "--format", "json", rec("nested-broken"));
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        JsonNode findings = root.get("findings");
        assertEquals(1, findings.size(), r.out());
        JsonNode f = findings.get(0);
        assertEquals("nested-parallelism", f.get("rule").asText());
        assertEquals("info", f.get("severity").asText()); // owned inner pools whose tasks sleep: no CPU wait
        for (String k : List.of("title", "message", "location", "recommendation")) {
            assertTrue(f.get(k).isTextual() && !f.get(k).asText().isEmpty(), k);
        }
        assertEquals(16, f.get("evidence").get("potentialThreads").asInt());
        assertEquals(13, root.get("pools").size() - 1); // 12 inner + outer (+ common pool)
        assertTrue(root.get("host").get("onlineCpus").asInt() >= 1);
    }

    @Test
    void namesAreEscapedInHtmlAndJson() throws Exception {
        String f = rec("small-script");
        Path html = tmp.resolve("r.html");
        Reports.Run r = Reports.cli("report", "--format", "html", "--out", html.toString(), f);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;pool&quot;"), page);
        assertFalse(page.contains("<script"), "no raw script tag");
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.strip().endsWith("</html>"));
        assertFalse(page.contains("http://") && page.contains("src=\"http"), "no external resource");
        Reports.Run j = Reports.cli("report", "--format", "json", f);
        assertFalse(j.out().contains("<script"), j.out());
        JSON.readTree(j.out());
    }

    @Test
    void htmlHasChartsAndSpawnTree() {
        Reports.Run r = Reports.cli("report", "--format", "html", rec("nested-broken"));
        String page = r.out();
        assertTrue(page.contains("Threads and CPU over time") && page.contains("<polyline"), "threads chart");
        assertTrue(page.contains("Pool activity: live and busy workers over time"), "per-pool charts");
        assertTrue(page.contains("Spawn tree") && page.contains("4 \u00d7 4 = 16 threads possible"), "spawn tree with N x M");
    }

    @Test
    void severalRecordingsAreOneHost() throws Exception {
        List<Path> two = Recordings.get("exceed-two-processes");
        Reports.assumeCpuWasAvailable(two);
        Reports.Run r = Reports.cli("report", two.get(0).toString(), two.get(1).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 processes on one host"), r.out());
    }

    @Test
    void theSameRecordingTwiceIsReadOnce() {
        String f = rec("small-agent");
        Reports.Run r = Reports.cli("report", "--format", "json", f, f);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("given more than once") && r.err().contains("were read once"), r.err());
        assertEquals(1, r.out().split("\"durationSeconds\"", -1).length - 1, "one process: " + r.out());
    }

    @Test
    void rulesCommandListsEveryThreshold() {
        Reports.Run r = Reports.cli("rules");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--threshold pool-sized-to-cores.maxBusyRatio=0.5"), r.out());
        assertTrue(r.out().contains("native-threads  (needs the agent)"), r.out());
    }

    @Test
    void shadedJarRunsWhenBuilt() throws Exception {
        Path jar = Path.of("target", "threadguard-analyzer.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar), "run after package");
        String out = Child.run("jar-rules", List.of(Child.java(), "-jar", jar.toString(), "rules"));
        assertTrue(out.contains("pool-sized-to-cores"), out);
    }
}
