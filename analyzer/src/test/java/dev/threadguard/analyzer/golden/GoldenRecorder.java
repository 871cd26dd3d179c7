package dev.threadguard.analyzer.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.analyzer.programs.ChurnProgram;
import dev.threadguard.analyzer.programs.LeakProgram;
import dev.threadguard.analyzer.programs.RejectProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Records the golden recordings again with the real agent and rewrites their expected findings. Run from
 * the repository root after {@code mvn -DskipTests package} (what {@code analyzer/regenerate-goldens.sh}
 * does): {@code GoldenRecorder [NAME...]}, or {@code --baseline-only} to keep the recordings and only
 * write down what the analyzer now finds in them.
 * <p>
 * A fresh recording replaces the stored one only when the analyzer finds exactly the rules its program is
 * made to show (three tries: a CPU-bound sample needs the CPU it is judged by); otherwise this fails and
 * leaves the old file.
 */
public final class GoldenRecorder {
    private GoldenRecorder() {}

    static final String SAMPLES = "dev.threadguard.samples.Samples";

    /** One golden: a program under the agent, the rules the analyzer must find in it, and those it may find besides. */
    record Spec(String name, String main, List<String> jvm, List<String> args, boolean asNobody, Set<String> rules,
            Set<String> also) {
        Spec(String name, String main, List<String> jvm, List<String> args, boolean asNobody, Set<String> rules) {
            this(name, main, jvm, args, asNobody, rules, Set.of());
        }

        boolean sample() {
            return main.equals(SAMPLES);
        }

        boolean accepts(Set<String> found) {
            Set<String> extra = new TreeSet<>(found);
            extra.removeAll(rules);
            extra.removeAll(also);
            return found.containsAll(rules) && extra.isEmpty();
        }
    }

    /**
     * Goldens judged by the CPU their pools got: run ahead of other work on a shared machine (as root), or
     * the verdict is about the neighbours' builds, not the program.
     */
    static final Set<String> CPU_JUDGED = Set.of("pool-manager");

    static final List<Spec> SPECS = List.of(
            new Spec("rollout", SAMPLES, List.of("-XX:ActiveProcessorCount=56"),
                    List.of("rollout", "--envs", "2,4,8", "--iterations", "20"), false,
                    Set.of("pool-sized-to-cores", "processor-count-differs")),
            new Spec("nested-forkjoin", SAMPLES, List.of(), List.of("nested", "--episodes", "256", "--steps", "600"), false,
                    Set.of("nested-parallelism")),
            new Spec("nested-stream", SAMPLES, List.of("-XX:ActiveProcessorCount=8"),
                    List.of("nested", "--episodes", "1024", "--steps", "600", "--inner", "stream"), false,
                    Set.of("nested-parallelism", "processor-count-differs")),
            new Spec("pool-manager", SAMPLES, List.of(), List.of("pool-manager", "--frames", "150"), false,
                    Set.of("pools-exceed-cores")),
            new Spec("thread-limit", SAMPLES, List.of(), List.of("thread-limit", "--requests", "400"), true,
                    Set.of("thread-limit")),
            new Spec("native-onnx", SAMPLES, List.of(), List.of("native-threads", "--requests", "12000", "--intra", "4"), false,
                    Set.of("native-threads")),
            new Spec("pool-leak", LeakProgram.class.getName(), List.of(), List.of("broken"), false, Set.of("pool-leak")),
            new Spec("tasks-rejected", RejectProgram.class.getName(), List.of(), List.of("broken"), false,
                    Set.of("tasks-rejected")),
            new Spec("thread-churn", ChurnProgram.class.getName(), List.of(), List.of("broken"), false, Set.of("thread-churn")),
            new Spec("healthy", SAMPLES, List.of(), List.of("nested", "--episodes", "256", "--steps", "600", "--fixed"), false,
                    Set.of()));

    public static void main(String[] argv) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path golden = root.resolve("analyzer").resolve(Baseline.DIR);
        System.setProperty("threadguard.golden.work", root.resolve("analyzer/target/golden").toString());
        List<String> names = new ArrayList<>(List.of(argv));
        boolean baselineOnly = names.remove("--baseline-only");
        List<String> failed = new ArrayList<>();
        if (!baselineOnly) {
            Set<String> unknown = new TreeSet<>(names);
            unknown.removeAll(SPECS.stream().map(Spec::name).collect(Collectors.toSet()));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no golden named " + unknown + "; there are "
                        + SPECS.stream().map(Spec::name).toList());
            }
            Files.createDirectories(golden);
            Path work = readableDir("tg-goldens-");
            Path agent = readableCopy(root.resolve("agent/target/threadguard.jar"), work);
            Path samples = readableCopy(root.resolve("samples/target/threadguard-samples.jar"), work);
            String plain = root.resolve("analyzer/target/test-classes") + ":"
                    + root.resolve("analyzer/target/threadguard-analyzer.jar");
            for (Spec s : SPECS) {
                if (names.isEmpty() || names.contains(s.name())) {
                    try {
                        Path jfr = record(s, agent, s.sample() ? samples.toString() : plain, work);
                        Baseline.pack(jfr, golden.resolve(s.name() + ".jfr.gz"));
                    } catch (IllegalStateException e) {
                        failed.add(e.getMessage());
                    }
                }
            }
        }
        Baseline.write(golden);
        long bytes = 0;
        for (Path p : Baseline.recordings(golden)) {
            bytes += Files.size(p);
        }
        System.out.printf("wrote %s (%d recordings, %d KB)%n", golden.resolve(Baseline.FILE),
                Baseline.recordings(golden).size(), bytes / 1024);
        if (!failed.isEmpty()) {
            // the others are written: run again with just these names
            failed.forEach(f -> System.err.println("FAILED: " + f));
            System.exit(1);
        }
    }

    static Path record(Spec s, Path agent, String classpath, Path work) throws Exception {
        String last = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path jfr = work.resolve(s.name() + "-" + attempt + ".jfr");
            List<String> java = new ArrayList<>(List.of(javaBin()));
            java.addAll(s.jvm());
            java.add("-javaagent:" + agent + "=file=" + jfr + ",period=250ms");
            java.addAll(List.of("-cp", classpath, s.main()));
            java.addAll(s.args());
            if (CPU_JUDGED.contains(s.name()) && "root".equals(System.getProperty("user.name"))) {
                java.addAll(0, List.of("nice", "-n", "-10"));
            }
            List<String> cmd = s.asNobody()
                    // root ignores RLIMIT_NPROC: the limit is real only for another user
                    ? List.of("runuser", "-u", "nobody", "--", "bash", "-c", "ulimit -u 150; exec " + String.join(" ", java))
                    : java;
            String out = run(cmd, work.resolve(s.name() + ".log"));
            if (!Files.isRegularFile(jfr) || Files.size(jfr) == 0) {
                last = "no recording; output:\n" + out;
                continue;
            }
            Set<String> found = new TreeSet<>();
            for (JsonNode f : Baseline.findings(jfr)) {
                found.add(f.get("rule").asText());
            }
            System.out.printf("%s (try %d): %s, %d KB%n", s.name(), attempt, found, Files.size(jfr) / 1024);
            if (s.accepts(found)) {
                return jfr;
            }
            last = "found " + found + ", want " + s.rules() + (s.also().isEmpty() ? "" : " (and maybe " + s.also() + ")");
        }
        throw new IllegalStateException("golden " + s.name() + " not recorded: " + last);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String run(List<String> cmd, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return Files.readString(log);
    }

    /** The run as user nobody must read the jars and write the recording. */
    static Path readableDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    static Path readableCopy(Path jar, Path dir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not built: run mvn -B -DskipTests package first");
        }
        Path copy = dir.resolve(jar.getFileName());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        return copy;
    }
}
