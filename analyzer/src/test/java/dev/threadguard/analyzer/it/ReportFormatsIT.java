package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.threadguard.analyzer.support.ReportRecordings;
import dev.threadguard.analyzer.support.Reports;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text, JSON, SARIF and Markdown reports of real recordings made by the real agent. */
class ReportFormatsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void record() {
        ReportRecordings.start();
    }

    private static String report(String format, List<Path> files, String... more) {
        List<String> args = new ArrayList<>(List.of("report", "--format", format));
        args.addAll(List.of(more));
        files.forEach(f -> args.add(f.toString()));
        Reports.Run r = Reports.cli(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    /** The pools table's rows as read: everything left of the creation-site column (the # and the name). */
    static List<String> rowNames(String text) {
        List<String> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        int site = -1;
        for (String l : lines) {
            if (site < 0 && (l.startsWith("name ") || l.startsWith("# name ")) && l.contains("creation site")) {
                site = l.indexOf("creation site");
                continue;
            }
            if (site >= 0) {
                if (l.isBlank() || l.startsWith("  ")) {
                    break;
                }
                rows.add(l.substring(0, Math.min(site, l.length())).strip());
            }
        }
        return rows;
    }

    private static void readable(String name, String text) {
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 80, name + ": " + line.length() + " columns: " + line);
            for (char c : line.toCharArray()) {
                assertFalse(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f), name + ": control character "
                        + (int) c + " in: " + line);
            }
        }
        assertFalse(text.contains("2147483647"), name + ": an unbounded size printed as a number:\n" + text);
        List<String> rows = rowNames(text);
        assertTrue(rows.size() >= 2, name + ": no pools table:\n" + text);
        assertEquals(rows.size(), new HashSet<>(rows).size(), name + ": two rows read the same: " + rows);
    }

    @Test
    void textRowsReadApartFitEightyColumnsAndEscapeNames() {
        String text = report("text", List.of(ReportRecordings.program()));
        readable("program", text);
        assertTrue(text.contains("unbounded"), "the cached pool:\n" + text);
        assertTrue(text.contains("\\x1b") && text.contains("evil\\n"), "control characters shown escaped:\n" + text);
        for (String line : text.split("\n")) {
            assertFalse(line.startsWith("CRITICAL  fake-rule"), "a thread name faked a finding line");
        }
        assertTrue(text.contains("unused (2, never started a thread): ReportProgram.main:"), text);
        List<String> rows = rowNames(text);
        assertEquals(4, rows.stream().filter(r -> r.startsWith("Hazelca")).count(), "the four library pools: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("4x ")), "four pools from one line, one row: " + rows);
    }

    @Test
    void severalProcessesGetAProcessColumn() {
        String text = report("text", ReportRecordings.twoProcesses());
        readable("two processes", text);
        assertTrue(text.contains("\n# name "), text);
        List<String> rows = rowNames(text);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("1 ")) && rows.stream().anyMatch(r -> r.startsWith("2 ")),
                rows.toString());
    }

    @Test
    void jsonKeepsItsKeysAndAddsGroupRowsRulesAndSources() throws Exception {
        JsonNode root = JSON.readTree(report("json", List.of(ReportRecordings.program())));
        JsonNode sized = null;
        for (JsonNode f : root.get("findings")) {
            for (String k : List.of("rule", "severity", "title", "message", "evidence", "location", "recommendation")) {
                assertTrue(f.has(k), k + " in " + f);
            }
            sized = f.get("rule").asText().equals("pool-sized-to-cores") ? f : sized;
        }
        assertTrue(sized != null, root.get("findings").toString());
        assertEquals("dev/threadguard/analyzer/programs/ReportProgram.java", sized.at("/source/file").asText());
        assertTrue(sized.at("/source/line").asInt() > 0);
        int groupsOfFour = 0;
        Set<String> libraryNames = new HashSet<>();
        for (JsonNode g : root.get("poolGroups")) {
            groupsOfFour += g.get("pools").asInt() == 4 ? 1 : 0;
            if (g.get("name").asText().startsWith("HazelcastManagedThread-hz.member1.")) {
                libraryNames.add(g.get("name").asText());
            }
            assertEquals(g.get("pools").asInt(), g.get("poolIds").size());
        }
        assertEquals(1, groupsOfFour, "one row for the four per-request pools");
        assertEquals(4, libraryNames.size(), libraryNames.toString());
        assertEquals(dev.threadguard.analyzer.rules.Rules.all().size(), root.get("rules").size(), "a status per rule");
        assertTrue(root.get("pools").size() > root.get("poolGroups").size());
    }

    @Test
    void sarifIsValidAndPointsAtTheCreationLine() throws Exception {
        JsonSchema schema;
        try (InputStream in = ReportFormatsIT.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Path module = Path.of("").toAbsolutePath();
        for (List<Path> files : List.of(List.of(ReportRecordings.program()), ReportRecordings.twoProcesses())) {
            String plain = report("sarif", files);
            String rooted = report("sarif", files, "--source-root", module.toString());
            for (String sarif : List.of(plain, rooted)) {
                JsonNode doc = JSON.readTree(sarif);
                Set<ValidationMessage> errors = schema.validate(doc);
                assertTrue(errors.isEmpty(), errors + "\n" + sarif);
                assertEquals("2.1.0", doc.get("version").asText());
            }
        }
        JsonNode plain = JSON.readTree(report("sarif", List.of(ReportRecordings.program())));
        JsonNode rooted = JSON.readTree(report("sarif", List.of(ReportRecordings.program()), "--source-root",
                module.toString()));
        int located = 0;
        for (int i = 0; i < plain.at("/runs/0/results").size(); i++) {
            JsonNode r = plain.at("/runs/0/results").get(i);
            assertTrue(Set.of("error", "warning", "note").contains(r.get("level").asText()));
            if (r.has("locations")) {
                located++;
                assertEquals("dev/threadguard/analyzer/programs/ReportProgram.java",
                        r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
                assertTrue(r.at("/locations/0/physicalLocation/region/startLine").asInt() > 0);
                assertEquals("src/test/java/dev/threadguard/analyzer/programs/ReportProgram.java", rooted
                        .at("/runs/0/results").get(i).at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            }
        }
        assertTrue(located >= 2, "pool-sized-to-cores and nested-parallelism have a line: " + plain);
        assertTrue(rooted.at("/runs/0/originalUriBaseIds/SRCROOT/uri").asText().startsWith("file:/"));
    }

    @Test
    void markdownIsACompactSummary() {
        String md = report("markdown", List.of(ReportRecordings.program()));
        assertTrue(md.startsWith("### threadguard: 3 findings"), md);
        assertTrue(md.contains("| severity | rule | finding | where |") && md.contains("`nested-parallelism`"), md);
        assertTrue(md.contains("`ReportProgram.java:"), md);
        assertFalse(md.contains("<script"), md);
        assertFalse(md.contains("\u001b"), md);
        assertTrue(md.length() < 8000, "compact: " + md.length() + " characters");
    }
}
