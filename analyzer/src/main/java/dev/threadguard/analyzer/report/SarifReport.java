package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.rules.Severity;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning tools: one result per finding at the line that created the pool (file from
 * the stack frame's package and file name, or the file found under {@code --source-root}), severity as the
 * level, the evidence numbers and the fix in the result's properties. Findings about the whole process (a
 * thread limit, the processor count) have no line and come without a location.
 */
public final class SarifReport implements Renderer {
    public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SRCROOT = "SRCROOT";

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public String description() {
        return "SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs)";
    }

    @Override
    public void render(ReportView v, PrintWriter out) {
        Json j = new Json(out);
        j.beginObject().field("$schema", SCHEMA).field("version", "2.1.0");
        j.name("runs").beginArray().beginObject();
        j.name("tool").beginObject().name("driver").beginObject().field("name", "threadguard")
                .field("semanticVersion", Analysis.VERSION).field("version", Analysis.VERSION);
        j.name("rules").beginArray();
        for (RuleStatus r : v.rules) {
            j.beginObject().field("id", r.rule()).field("name", camel(r.rule()));
            j.name("shortDescription").beginObject().field("text", r.description()).endObject();
            j.name("properties").beginObject().name("tags").beginArray().value("performance").value("concurrency")
                    .endArray().endObject();
            j.endObject();
        }
        j.endArray().endObject().endObject();
        v.sourceRoot.ifPresent(root -> {
            String uri = root.toUri().toString();
            j.name("originalUriBaseIds").beginObject().name(SRCROOT).beginObject()
                    .field("uri", uri.endsWith("/") ? uri : uri + "/").endObject().endObject();
        });
        invocation(j, v);
        j.name("results").beginArray();
        for (FindingView f : v.findings) {
            result(j, v, f);
        }
        j.endArray();
        j.endObject().endArray().endObject();
        out.println();
        out.flush();
    }

    private static void invocation(Json j, ReportView v) {
        j.name("invocations").beginArray().beginObject().field("executionSuccessful", true);
        j.name("toolConfigurationNotifications").beginArray();
        for (RuleStatus r : v.skippedRules()) {
            j.beginObject().field("level", "note");
            j.name("descriptor").beginObject().field("id", r.rule()).endObject();
            j.name("message").beginObject().field("text", r.rule() + " did not run: " + r.reason()).endObject();
            j.endObject();
        }
        j.endArray();
        j.name("toolExecutionNotifications").beginArray();
        for (String w : v.warnings) {
            j.beginObject().field("level", "warning").name("message").beginObject().field("text", w).endObject()
                    .endObject();
        }
        j.endArray().endObject().endArray();
    }

    private static void result(Json j, ReportView v, FindingView f) {
        int index = 0;
        for (int i = 0; i < v.rules.size(); i++) {
            index = v.rules.get(i).rule().equals(f.rule()) ? i : index;
        }
        j.beginObject().field("ruleId", f.rule()).field("ruleIndex", index).field("level", level(f));
        j.name("message").beginObject().field("text", f.title() + ". " + f.message() + " Fix: " + f.recommendation())
                .endObject();
        if (f.site().isPresent()) {
            SourceLocation s = f.site().get();
            j.name("locations").beginArray().beginObject();
            j.name("physicalLocation").beginObject();
            j.name("artifactLocation").beginObject().field("uri", f.path().orElse(s.relativePath()))
                    .field("uriBaseId", SRCROOT).endObject();
            if (s.line() > 0) {
                j.name("region").beginObject().field("startLine", s.line()).endObject();
            }
            j.endObject();
            j.name("logicalLocations").beginArray().beginObject().field("fullyQualifiedName", s.qualifiedMethod())
                    .field("kind", "function").endObject().endArray();
            j.endObject().endArray();
        }
        j.name("partialFingerprints").beginObject().field("threadguardFinding/v1", fingerprint(f)).endObject();
        j.name("properties").beginObject().field("severity", f.severity()).field("title", f.title())
                .field("recommendation", f.recommendation());
        j.name("evidence").beginObject();
        for (Map.Entry<String, Number> e : f.evidence().entrySet()) {
            j.field(e.getKey(), e.getValue());
        }
        j.endObject().endObject();
        j.endObject();
    }

    static String level(FindingView f) {
        Severity s = f.finding().severity();
        return s == Severity.CRITICAL ? "error" : s == Severity.WARNING ? "warning" : "note";
    }

    /** Stable across runs for one rule at one site, so a code-scanning tool tracks one alert. */
    private static String fingerprint(FindingView f) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest((f.rule() + "\u0000" + f.finding().location()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** pool-sized-to-cores -> PoolSizedToCores. */
    static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
