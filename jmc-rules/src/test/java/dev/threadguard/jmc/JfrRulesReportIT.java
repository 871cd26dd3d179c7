package dev.threadguard.jmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.rules.report.JfrRulesReport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * JMC's own headless report ({@code JfrRulesReport}, in a child JVM with the built jmc-rules jar, JMC's
 * jars and its own rules on the class path, as JMC has them) on the golden recordings of the real agent:
 * it lists every threadguard rule, with the severity {@code threadguard report} gives (critical and warning
 * are JMC warnings with scores 100 and 75, info is JMC information with 25, nothing found is OK).
 */
class JfrRulesReportIT {
    static final Path JAR = Path.of("target", "threadguard-jmc-rules.jar");

    /** JMC's jars (and the owasp encoder, LZ4) from this test's class path; not our classes: those come from the jar. */
    static String jmcClassPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = Path.of(e).getFileName().toString();
            if (n.startsWith("flightrecorder") || n.startsWith("common-") || n.startsWith("encoder-")
                    || n.startsWith("lz4-java")) {
                out.add(e);
            }
        }
        assertTrue(out.size() >= 6, "JMC's jars on the test class path: " + out);
        return String.join(File.pathSeparator, out);
    }

    static String run(String main, List<String> args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "jmc-rules jar not built: " + JAR.toAbsolutePath());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR + File.pathSeparator + jmcClassPath(), main));
        cmd.addAll(args);
        Path out = Files.createTempFile(Path.of("target"), "jmc-report", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "JMC's report did not finish in 180 s");
        assertEquals(0, p.exitValue(), "JMC's report exited " + p.exitValue());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /**
     * What JMC must show for a rule, from threadguard report's findings on the same file; null for a rule
     * the report skipped (JMC's N/A, which its report leaves out).
     */
    static String expected(Path jfr, String rule) throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", "--format", "json", jfr.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter())));
        JsonNode report = new ObjectMapper().readTree(out.toString());
        for (JsonNode r : report.path("rules")) {
            if (r.path("id").asText().equals(rule) && r.path("status").asText().equals("skipped")) {
                return null;
            }
        }
        String worst = null;
        for (JsonNode f : report.path("findings")) {
            if (f.path("rule").asText().equals(rule) && worst == null) {
                worst = f.path("severity").asText(); // most severe first
            }
        }
        return worst == null ? "OK 0" : switch (worst) {
            case "critical" -> "Warning 100";
            case "warning" -> "Warning 75";
            default -> "Information 25";
        };
    }

    @Test
    void jmcListsEveryThreadguardRuleWithTheSeverityOfThreadguardReport() throws Exception {
        List<String> files = new ArrayList<>();
        Map<String, Path> byPath = new LinkedHashMap<>();
        for (Path gz : SameFindingsTest.goldens()) {
            Path jfr = SameFindingsTest.unpacked(gz).toAbsolutePath();
            files.add(jfr.toString());
            byPath.put(jfr.toString(), jfr);
        }
        List<String> args = new ArrayList<>(List.of("-format", "xml"));
        args.addAll(files);
        String xml = run(JfrRulesReport.class.getName(), args);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList reports = doc.getElementsByTagName("report");
        assertEquals(files.size(), reports.getLength(), xml);
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> shown = new TreeMap<>();
        int jmcOwn = 0;
        for (int i = 0; i < reports.getLength(); i++) {
            Element report = (Element) reports.item(i);
            String file = text(report, "file");
            Path jfr = byPath.get(file);
            for (Rule r : Rules.all()) {
                String want = expected(jfr, r.id());
                if (want != null) {
                    expected.put(jfr.getFileName() + " " + r.id(), want);
                }
            }
            NodeList rules = report.getElementsByTagName("rule");
            for (int j = 0; j < rules.getLength(); j++) {
                Element rule = (Element) rules.item(j);
                String id = text(rule, "id");
                if (Rules.all().stream().anyMatch(r -> r.id().equals(id))) {
                    String score = text(rule, "score");
                    shown.put(jfr.getFileName() + " " + id, text(rule, "severity") + " " + (score.isEmpty() ? "-" : score));
                } else if (i == 0) {
                    jmcOwn++;
                }
            }
        }
        assertEquals(expected, shown, "JMC's report vs threadguard report, per recording and rule");
        // the report leaves out rules that do not apply (the agent's recording has few JDK events): 12 of 68 here
        assertTrue(jmcOwn >= 10, "JMC's own rules ran next to ours: " + jmcOwn);
    }

    @Test
    void jmcHtmlReportShowsOurResults() throws Exception {
        Path jfr = SameFindingsTest.unpacked(SameFindingsTest.GOLDEN.resolve("nested-stream.jfr.gz")).toAbsolutePath();
        Path html = Path.of("target", "jmc-report-nested-stream.html").toAbsolutePath();
        run("org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport", List.of(jfr.toString(), html.toString()));
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("Nested parallelism (threadguard)"), "rule name on JMC's page");
        // 8 workers feeding the one common pool of 7: a shared pool adds its threads once
        assertTrue(page.contains("Nested parallelism: 8 + 7 threads"), "our summary on JMC's page");
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }
}
