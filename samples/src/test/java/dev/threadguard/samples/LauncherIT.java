package dev.threadguard.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code threadguard} launcher at the repository root, run with THREADGUARD_NO_BUILD=1 (the
 * test uses the jars the build made; it never starts Maven itself).
 */
class LauncherIT {
    private static final Path LAUNCHER = Harness.ROOT.resolve("threadguard");

    record Result(int code, String out, String err) {}

    private static Result launcher(Path dir, String... args) throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), "launcher not found: " + LAUNCHER);
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("THREADGUARD_NO_BUILD", "1");
        pb.environment().put("JAVA_HOME", Path.of(Harness.JAVA).getParent().getParent().toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher timed out: " + cmd);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        Path dir = Files.createTempDirectory("tg-launcher");
        Result r = launcher(dir, "frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("threadguard: unknown command 'frobnicate'"), r.err());
        assertEquals(2, launcher(dir, "run").code());
        assertEquals(2, launcher(dir, "attach", "not-a-pid").code());
        assertEquals(2, launcher(dir, "run", "--bogus", "--", "java").code());
    }

    @Test
    void helpAndVersion() throws Exception {
        Path dir = Files.createTempDirectory("tg-launcher");
        Result help = launcher(dir, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("demo") && help.out().contains("attach PID"), help.out());
        Result v = launcher(dir, "--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("threadguard "), v.out());
    }

    /** run injects the agent through JAVA_TOOL_OPTIONS, so a script that starts java is recorded too. */
    @Test
    void runRecordsJvmsStartedByAScriptAndReports() throws Exception {
        Harness.requireJars();
        Path dir = Files.createTempDirectory("tg-launcher");
        Path out = dir.resolve("recordings");
        String java = Harness.JAVA + " -XX:ActiveProcessorCount=16 -cp " + Harness.classesOnly() + " " + Samples.class.getName()
                + " rollout --envs 2,4 --iterations 300";
        Result r = launcher(dir, "run", "--out", out.toString(), "--agent-options", "period=250ms", "--", "bash", "-c", java);
        assertEquals(0, r.code(), r.out() + r.err());
        List<Path> recordings;
        try (var s = Files.list(out)) {
            recordings = s.filter(p -> p.toString().endsWith(".jfr")).collect(Collectors.toList());
        }
        assertEquals(1, recordings.size(), "one JVM, one recording: " + recordings);
        assertTrue(r.err().contains("Picked up JAVA_TOOL_OPTIONS: -javaagent:"), "agent injected through JAVA_TOOL_OPTIONS:\n" + r.err());
        assertTrue(r.out().contains("result: sample=rollout"), r.out());
        // the report over that recording follows the command's output (which rules fire is
        // SamplesUnderAgentIT's business; here: the launcher ran the analyzer on the right file)
        int result = r.out().indexOf("result: sample=rollout");
        int report = r.out().indexOf("threadguard report");
        assertTrue(report > result, "report printed after the run:\n" + r.out() + r.err());
        assertTrue(r.out().contains(recordings.get(0).getFileName().toString()), r.out());
        assertTrue(r.out().contains("BatchEnv"), "the report shows the sample's pool:\n" + r.out());
    }

    /** run exits with the command's own code, recording or not (before: 1 and "did it start a JVM?" after a short run). */
    @Test
    void runExitsWithTheCommandsOwnCode() throws Exception {
        Harness.requireJars();
        Path dir = Files.createTempDirectory("tg-launcher");
        Path out = dir.resolve("recordings");
        Result shortJvm = launcher(dir, "run", "--out", out.toString(), "--", "bash", "-c", Harness.JAVA + " -version; exit 3");
        assertEquals(3, shortJvm.code(), shortJvm.out() + shortJvm.err());
        assertTrue(shortJvm.err().contains("command exited 3; 1 recording(s)"), "a JVM that lives a moment leaves a recording:\n"
            + shortJvm.err());
        Result noJvm = launcher(dir, "run", "--out", out.toString(), "--", "bash", "-c", "exit 4");
        assertEquals(4, noJvm.code(), noJvm.out() + noJvm.err());
        assertTrue(noJvm.err().contains("no JVM it started wrote a recording"), noJvm.err());
    }

    /** Seed 003: run takes a host census beside the recording; worker JVMs the agent never reached still count. */
    @Test
    void runCountsWorkerProcessesTimesTheirThreadsAgainstTheCores() throws Exception {
        Harness.requireJars();
        Path dir = Files.createTempDirectory("tg-launcher");
        Path out = dir.resolve("recordings");
        String classes = Path.of(dev.threadguard.samples.programs.SpinCoordinator.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        int processors = Runtime.getRuntime().availableProcessors();
        // 3 workers x one spinning thread per processor: three times the threads the cores can run
        Result r = launcher(dir, "run", "--out", out.toString(), "--", Harness.JAVA, "-cp", classes,
                dev.threadguard.samples.programs.SpinCoordinator.class.getName(), "3", Integer.toString(processors), "8000");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("workers done: 3"), r.out());
        assertTrue(Files.size(out.resolve("host-census.jsonl")) > 0, "census beside the recording");
        assertTrue(r.err().contains("host census of the run"), r.err());
        assertTrue(r.out().contains("worker-processes-exceed-cores"), r.out());
        assertTrue(r.out().contains("3 JVM processes x "), r.out());
        assertTrue(r.out().contains("processes: 3") || r.out().contains("processes 3"), r.out());
    }

    @Test
    void reportPassesThroughToTheAnalyzer() throws Exception {
        Harness.requireJars();
        Path dir = Files.createTempDirectory("tg-launcher");
        Path notJfr = Files.writeString(dir.resolve("x.jfr"), "not a recording");
        Result r = launcher(dir, "report", notJfr.toString());
        assertEquals(2, r.code(), r.out() + r.err());
    }
}
