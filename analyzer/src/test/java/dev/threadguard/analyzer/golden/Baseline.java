package dev.threadguard.analyzer.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadguard.analyzer.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The expected findings of the golden recordings: for each file, what {@code threadguard report --format json}
 * says about it alone, cut to what a finding is (rule, severity, location, evidence numbers) so that a
 * rewording does not count as a change but a different number, severity or site does.
 */
public final class Baseline {
    private Baseline() {}

    /** Where the recordings and {@code expected-findings.json} live, relative to the analyzer module. */
    public static final Path DIR = Path.of(System.getProperty("threadguard.golden.dir", "src/test/golden"));
    public static final String FILE = "expected-findings.json";
    public static final String REGENERATE = "analyzer/regenerate-goldens.sh";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The stored recordings, gzipped (a third of the size; JMC opens them as they are). */
    public static List<Path> recordings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jfr.gz")).sorted().toList();
        }
    }

    public static String name(Path gz) {
        return gz.getFileName().toString().replace(".jfr.gz", "");
    }

    /** The recording unpacked under target/golden, for the analyzer (which reads plain .jfr files). */
    public static Path unpacked(Path gz) throws IOException {
        Path dir = Path.of(System.getProperty("threadguard.golden.work", "target/golden"));
        Files.createDirectories(dir);
        Path jfr = dir.resolve(name(gz) + ".jfr");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, jfr, StandardCopyOption.REPLACE_EXISTING);
        }
        return jfr;
    }

    public static void pack(Path jfr, Path gz) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(jfr, out);
        }
    }

    /** The findings of one recording, as the JSON report has them, reduced to rule, severity, location and evidence. */
    public static ArrayNode findings(Path jfr) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "--format", "json", jfr.toString()}, new PrintWriter(out),
                new PrintWriter(err));
        if (code != 0) {
            throw new IllegalStateException("report on " + jfr + " exited " + code + ": " + err);
        }
        ArrayNode reduced = JSON.createArrayNode();
        for (JsonNode f : JSON.readTree(out.toString()).path("findings")) {
            ObjectNode r = reduced.addObject();
            r.put("rule", f.path("rule").asText());
            r.put("severity", f.path("severity").asText());
            r.put("location", f.path("location").asText());
            Map<String, JsonNode> ev = new TreeMap<>();
            f.path("evidence").fields().forEachRemaining(e -> ev.put(e.getKey(), e.getValue()));
            r.set("evidence", JSON.valueToTree(ev));
        }
        return reduced;
    }

    /** Every recording in {@code dir} and its findings, in file-name order. */
    public static ObjectNode of(Path dir) throws IOException {
        ObjectNode all = JSON.createObjectNode();
        for (Path gz : recordings(dir)) {
            all.set(name(gz), findings(unpacked(gz)));
        }
        return all;
    }

    public static String text(JsonNode baseline) throws IOException {
        return JSON.writeValueAsString(baseline) + "\n";
    }

    public static void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), text(of(dir)));
    }
}
