package dev.threadguard.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a sample in a child JVM under the real agent jar, then the real analyzer jar over the
 * recordings it left, and returns the rule ids of the findings. No mocks: both jars must have been
 * built ({@code mvn package} at the root); the tests fail when they are not.
 */
final class Harness {
    /**
     * Rules a --fixed sample may still trigger: processor-count-differs only says that
     * -XX:ActiveProcessorCount (used to play a bigger machine) differs from the host. Every other
     * rule (pool-sized-to-cores, nested-parallelism, pools-exceed-cores, pool-leak, thread-limit,
     * native-threads, and any rule added later) counts as an oversubscription finding.
     */
    static final Set<String> INFORMATIONAL_RULES = Set.of("processor-count-differs");

    static final Path ROOT = findRoot();
    static final Path BUILT_AGENT = ROOT.resolve("agent/target/threadguard.jar");
    static final Path BUILT_ANALYZER = ROOT.resolve("analyzer/target/threadguard-analyzer.jar");
    /** Copies taken once per test JVM, so a rebuild of the other modules during the suite cannot break a run half way. */
    static final Path AGENT = snapshot(BUILT_AGENT);
    static final Path ANALYZER = snapshot(BUILT_ANALYZER);
    static final String JAVA = System.getProperty("threadguard.test.java",
            Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    /** Agent options for tests: sample four times a second, the samples' runs are short. */
    static final String AGENT_OPTIONS = "period=250ms";

    private Harness() {}

    static void requireJars() {
        assertTrue(Files.isRegularFile(AGENT), "agent jar not built: " + BUILT_AGENT);
        assertTrue(Files.isRegularFile(ANALYZER), "analyzer jar not built: " + BUILT_ANALYZER);
    }

    private static Path snapshot(Path jar) {
        if (!Files.isRegularFile(jar)) return jar;
        try {
            Path dir = Files.createTempDirectory("tg-jars-");
            dir.toFile().deleteOnExit();
            // readable by user nobody too (thread-limit runs as nobody)
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path copy = dir.resolve(jar.getFileName());
            Files.copy(jar, copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            return jar;
        }
    }

    private static Path findRoot() {
        String prop = System.getProperty("threadguard.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "samples"))) return Paths.get(prop).toAbsolutePath();
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("agent"))) p = p.getParent();
        return p == null ? Paths.get("..").toAbsolutePath().normalize() : p;
    }

    /** The outcome of one sample run plus analysis. */
    static final class Run {
        final String output;
        final List<Path> recordings;
        final String json;
        final Set<String> rules;

        Run(String output, List<Path> recordings, String json) {
            this.output = output;
            this.recordings = recordings;
            this.json = json;
            this.rules = ruleIds(json);
        }

        Set<String> oversubscription() {
            Set<String> s = new TreeSet<>(rules);
            s.removeAll(INFORMATIONAL_RULES);
            return s;
        }

        @Override
        public String toString() {
            return "rules " + rules + "\n--- sample output ---\n" + output + "\n--- analyzer json ---\n" + json;
        }
    }

    static Set<String> ruleIds(String json) {
        Set<String> ids = new TreeSet<>();
        try {
            for (JsonNode f : new ObjectMapper().readTree(json).path("findings")) ids.add(f.get("rule").asText());
        } catch (IOException e) {
            fail("the analyzer's JSON does not parse: " + e.getMessage() + "\n" + json);
        }
        return ids;
    }

    /**
     * Runs {@code Samples <sample> args} with the agent writing {@code DIR/rec-%p.jfr}, then the
     * analyzer over every recording in DIR.
     *
     * With {@code prefix}: command words before java (e.g. nice -n -10 to run ahead of other work).
     */
    static Run run(String sample, List<String> jvmArgs, List<String> args, String classpath, boolean asNobody) throws Exception {
        return run(sample, jvmArgs, args, classpath, asNobody, List.of());
    }

    static Run run(String sample, List<String> jvmArgs, List<String> args, String classpath, boolean asNobody,
            List<String> prefix) throws Exception {
        Path dir = Files.createTempDirectory("tg-sample-" + sample + "-");
        if (asNobody) {
            // the run's files are written by user nobody: the directory must let it write
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        List<String> java = new ArrayList<>();
        java.add(JAVA);
        java.add("-javaagent:" + AGENT + "=file=" + dir.resolve("rec-%p.jfr") + "," + AGENT_OPTIONS);
        java.addAll(jvmArgs);
        java.add("-cp");
        java.add(classpath);
        java.add(Samples.class.getName());
        java.add(sample);
        java.addAll(args);

        List<String> cmd;
        if (asNobody) {
            String line = java.stream().map(Harness::shellQuote).collect(Collectors.joining(" "));
            cmd = List.of("runuser", "-u", "nobody", "--", "bash", "-c", "ulimit -u 150; exec " + line);
        } else {
            cmd = new ArrayList<>(prefix);
            cmd.addAll(java);
        }
        String out = exec(cmd, dir, 120);
        List<Path> recordings;
        try (Stream<Path> s = Files.list(dir)) {
            recordings = s.filter(p -> p.toString().endsWith(".jfr")).sorted().collect(Collectors.toList());
        }
        assertTrue(!recordings.isEmpty(), "no recording written by the agent in " + dir + "\n" + out);
        List<String> analyze = new ArrayList<>(List.of(JAVA, "-jar", ANALYZER.toString(), "report", "--format", "json"));
        recordings.forEach(r -> analyze.add(r.toString()));
        String json = exec(analyze, dir, 120, true);
        return new Run(out, recordings, json);
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /**
     * Only the samples' own classes, copied where user nobody can read them: the build tree may sit
     * in a private directory (a clone under /root), and the thread-limit runs are nobody's.
     */
    static String classesOnly() {
        return READABLE_CLASSES.toString();
    }

    private static final Path READABLE_CLASSES = readableCopy(
            Paths.get(Samples.class.getProtectionDomain().getCodeSource().getLocation().getPath()));

    private static Path readableCopy(Path classes) {
        try {
            Path dir = Files.createTempDirectory("tg-classes-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path target = dir.resolve(classes.getFileName());
            try (java.util.stream.Stream<Path> all = Files.walk(classes)) {
                for (Path from : (Iterable<Path>) all::iterator) {
                    Path to = target.resolve(classes.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(from, to);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            return target;
        } catch (IOException e) {
            return classes;
        }
    }

    static String exec(List<String> cmd, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        return exec(cmd, dir, timeoutSeconds, false);
    }

    /** Runs a command; fails the test on timeout or (unless stdoutOnly, the analyzer's exit 1) a non-zero exit. */
    static String exec(List<String> cmd, Path dir, int timeoutSeconds, boolean analyzer) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        pb.redirectError(err.toFile());
        Path outFile = Files.createTempFile(dir, "stdout-", ".txt");
        pb.redirectOutput(outFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
        }
        String out = Files.readString(outFile, StandardCharsets.UTF_8);
        String errText = Files.readString(err, StandardCharsets.UTF_8);
        int rc = p.exitValue();
        boolean ok = analyzer ? rc == 0 || rc == 1 : rc == 0;
        if (!ok) {
            fail("exit " + rc + ": " + String.join(" ", cmd) + "\nstdout:\n" + out + "\nstderr:\n" + errText);
        }
        return analyzer ? out : out + (errText.isBlank() ? "" : "\n[stderr]\n" + errText);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
