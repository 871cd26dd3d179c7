package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.programs.NestedProgram;
import dev.threadguard.analyzer.programs.RotatingProgram;
import dev.threadguard.analyzer.programs.SmallProgram;
import dev.threadguard.analyzer.support.Child;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JVM wrote which chunk, on real recordings of the real agent: two JVMs' recordings
 * concatenated into one file are two processes; the chunk files of one JVM's repository, given one
 * by one or found in a fleet directory, are one process.
 */
class JvmChunksIT {
    @TempDir
    Path tmp;

    private record Report(int code, JsonNode json, String err) {}

    private static Report json(String... files) throws Exception {
        List<String> args = new ArrayList<>(List.of("report", "--format", "json"));
        args.addAll(List.of(files));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
        return new Report(code, code == 2 ? null : new ObjectMapper().readTree(out.toString()), err.toString());
    }

    private static List<Long> pids(JsonNode report) {
        List<Long> pids = new ArrayList<>();
        report.get("processes").forEach(p -> pids.add(p.get("host").get("pid").asLong()));
        return pids;
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void twoJvmsConcatenatedAreTwoProcesses() throws Exception {
        Path nested = Child.recordWithAgent("chunks-nested", NestedProgram.class, List.of(), "broken");
        Path small = Child.recordWithAgent("chunks-small", SmallProgram.class, List.of());
        Path both = tmp.resolve("both.jfr");
        try (OutputStream out = Files.newOutputStream(both)) {
            Files.copy(nested, out);
            Files.copy(small, out);
        }
        Report apart = json(nested.toString(), small.toString());
        assertEquals(0, apart.code(), apart.err());
        Report cat = json(both.toString());
        assertEquals(0, cat.code(), cat.err());
        assertEquals(2, cat.json().get("processes").size(), cat.json().get("processes").toString());
        List<Long> pids = pids(cat.json());
        assertNotEquals(pids.get(0), pids.get(1));
        assertEquals(pids(apart.json()), pids, "each JVM's chunks are its own process, in file order");
        assertTrue(cat.err().contains("holds the recordings of 2 JVMs"), cat.err());
        assertEquals("both.jfr (JVM 1 of 2)", cat.json().get("processes").get(0).get("source").asText());
        // the same verdicts as the two files given apart
        assertEquals(rules(apart.json()), rules(cat.json()));
        assertTrue(rules(cat.json()).stream().anyMatch(r -> r.startsWith("nested-parallelism@")), rules(cat.json()).toString());
        assertEquals(apart.json().get("pools").size(), cat.json().get("pools").size());

        // one JVM's recording given twice is read once
        Report twice = json(nested.toString(), nested.toString());
        assertEquals(1, twice.json().get("processes").size());
        assertTrue(twice.err().contains("given more than once") && twice.err().contains("were read once"), twice.err());
    }

    private static List<String> rules(JsonNode report) {
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> rules.add(f.get("rule").asText() + "@" + f.get("location").asText()));
        rules.sort(null);
        return rules;
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theChunkFilesOfOneJvmAreOneProcess() throws Exception {
        Path repository = killedWithThreeChunks();
        List<Path> chunks;
        try (Stream<Path> s = Files.list(repository)) {
            chunks = s.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        assertTrue(chunks.size() >= 3, "a chunk per recording start: " + chunks);

        Report whole = json(repository.toString());
        assertEquals(0, whole.code(), whole.err());
        Report oneByOne = json(chunks.stream().map(Path::toString).toArray(String[]::new));
        assertEquals(0, oneByOne.code(), oneByOne.err());
        assertEquals(1, oneByOne.json().get("processes").size(), oneByOne.json().get("processes").toString());
        assertTrue(oneByOne.err().contains("chunks of one JVM") && oneByOne.err().contains("read as one process"),
                oneByOne.err());
        JsonNode p = oneByOne.json().get("processes").get(0);
        assertTrue(p.get("cut").asBoolean(), "the last chunk was unfinished: " + p);
        assertEquals(whole.json().get("processes").get(0).get("durationSeconds").asDouble(),
                p.get("durationSeconds").asDouble(), 0.001, "the same chunks, read as one");
        assertEquals(whole.json().get("pools").size(), oneByOne.json().get("pools").size());

        // a fleet directory with the repository and another JVM's recording: one host (the agent's
        // host name, read from the repository's chunks too), two processes
        Path fleet = Files.createDirectories(tmp.resolve("fleet"));
        copyTree(repository, fleet.resolve(repository.getFileName()));
        Files.copy(Child.recordWithAgent("chunks-other", SmallProgram.class, List.of()), fleet.resolve("other.jfr"));
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"report", fleet.toString()}, new PrintWriter(text), new PrintWriter(err)),
                err.toString());
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        assertTrue(text.toString().startsWith("threadguard fleet report: 1 host, 2 processes (2 recordings)"), text.toString());
        assertTrue(text.toString().contains("host " + hostname + ": 2 processes"), text.toString());
    }

    /** Runs RotatingProgram under the agent and kills it once its repository holds three chunk files. */
    private Path killedWithThreeChunks() throws Exception {
        Path file = tmp.resolve("rotating.jfr");
        Path marker = tmp.resolve("rotating.jfr.part");
        Path log = tmp.resolve("rotating.log");
        Process p = new ProcessBuilder(Child.java(), "-javaagent:" + Child.agentJar() + "=file=" + file + ",period=250ms",
                "-cp", Child.classPath(), RotatingProgram.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("rotated") && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains("rotated"), Files.readString(log));
            Thread.sleep(1500); // a flush into the last chunk
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String line = Files.readAllLines(marker).stream().filter(l -> l.startsWith("jfr-repository=")).findFirst().orElseThrow();
        return Path.of(line.substring("jfr-repository=".length()).trim());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
