package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.programs.ManyPoolsProgram;
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
 * More pools than the model describes one by one (20,000): every one is still counted, per process
 * and in the pool-leak finding of their site, and the report says where the cap cut in. Before,
 * a recording of 972,837 pool creations reported "19999 pools".
 */
class PoolCapIT {
    static final int POOLS = ProcessModel.MAX_POOLS + 5_000;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void poolsPastTheCapAreCountedAndSaidToBe() throws Exception {
        Path jfr = Child.workDir().resolve("many-pools.jfr");
        Files.deleteIfExists(jfr);
        String out = Child.run("many-pools", List.of(Child.java(), "-javaagent:" + Child.agentJar() + "=file=" + jfr
                + ",period=2s", "-cp", Child.classPath(), ManyPoolsProgram.class.getName(), Integer.toString(POOLS)));
        assertTrue(out.contains(POOLS + " pools"), out);

        StringWriter json = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", "--format", "json", jfr.toString()}, new PrintWriter(json),
                new PrintWriter(err)), err.toString());
        JsonNode r = new ObjectMapper().readTree(json.toString());
        JsonNode p = r.get("processes").get(0);
        assertEquals(ProcessModel.MAX_POOLS, p.get("poolsDescribed").asInt());
        // the program's pools and the JDK's common pool (and any pool the JVM made itself)
        assertTrue(p.get("poolsSeen").asInt() >= POOLS && p.get("poolsSeen").asInt() <= POOLS + 5, p.toString());
        assertTrue(err.toString().contains("pools past the first 20,000 were folded"), err.toString());
        JsonNode leak = null;
        for (JsonNode f : r.get("findings")) {
            if (f.get("rule").asText().equals("pool-leak") && f.get("location").asText().contains("ManyPoolsProgram")) {
                leak = f;
            }
        }
        assertTrue(leak != null, r.get("findings").toString());
        assertEquals(POOLS, leak.get("evidence").get("created").asInt(), leak.toString());
        // the described ones are the first 20,000 pools the reader met, the common pool among them
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(POOLS + " pools created at one site, (\\d+) of (\\d+)"
                + " described left idle while newer ones were made").matcher(leak.get("title").asText());
        assertTrue(m.matches(), leak.get("title").asText());
        assertEquals(m.group(1), m.group(2));
        assertTrue(Integer.parseInt(m.group(1)) > ProcessModel.MAX_POOLS - 10, m.group(1));

        StringWriter text = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", jfr.toString()}, new PrintWriter(text), new PrintWriter(err)));
        // wrapped at 80 columns
        assertTrue(text.toString().replaceAll("\\s+", " ").contains("(the first 20,000 described one by one, the rest counted)"),
                text.toString());
    }
}
