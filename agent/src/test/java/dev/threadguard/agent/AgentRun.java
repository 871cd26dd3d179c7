package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Runs a test program in a child JVM with the packaged agent and reads back what it recorded. */
final class AgentRun {
    static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    final int exitCode;
    final String stdout;
    final String stderr;
    final Path recording;
    private List<RecordedEvent> events;

    private AgentRun(int exitCode, String stdout, String stderr, Path recording) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.recording = recording;
    }

    /** The JDKs the suite runs on: the build's own, and JDK 25 where it is installed. */
    static Stream<String> jdks() {
        List<String> jdks = new ArrayList<>();
        jdks.add(System.getProperty("threadguard.test.java", System.getProperty("java.home") + "/bin/java"));
        if (new File(TEMURIN_25).canExecute() && !jdks.get(0).equals(TEMURIN_25)) {
            jdks.add(TEMURIN_25);
        }
        return jdks.stream();
    }

    static String agentJar() {
        String jar = System.getProperty("threadguard.agent.jar", "target/threadguard.jar");
        assertTrue(new File(jar).isFile(), "agent jar not built: " + jar);
        return new File(jar).getAbsolutePath();
    }

    static String testClasses() {
        return new File(System.getProperty("threadguard.test.classes", "target/test-classes")).getAbsolutePath();
    }

    /** Builds the command: java [jvmArgs] -javaagent:jar=options -cp classes main args. Null options: no agent. */
    static List<String> command(String java, String agentOptions, List<String> jvmArgs, String classpath, Class<?> main,
                                String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        if (agentOptions != null) {
            cmd.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static AgentRun run(List<String> command, Path recording, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            String threads = threadDump(command.get(0), p.pid());
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 120 s: " + command + "\nstdout:\n"
                + Files.readString(out, StandardCharsets.UTF_8) + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8)
                + "\nthreads:\n" + threads);
        }
        return new AgentRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8), recording);
    }

    /** The program without the agent, to attach to: in dir, its stderr in dir/err.txt, its stdout to read. */
    static Process startForAttach(String java, Path dir, Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(java, null, List.of(), testClasses(), main, args)).directory(dir.toFile())
            .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    /** What `threadguard attach` (the agent jar's Attach) answered: its exit code and its output. */
    static final class Attached {
        final int exit;
        final String output;

        Attached(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }

    /** Attaches the packaged agent to the JVM pid with the options and waits (bounded) for the answer. */
    static Attached attach(String java, String pid, String options) throws IOException, InterruptedException {
        Process attach = new ProcessBuilder(java, "-cp", agentJar(), "dev.threadguard.agent.Attach", pid, options)
            .redirectErrorStream(true).start();
        String out = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(attach.waitFor(90, TimeUnit.SECONDS));
        return new Attached(attach.exitValue(), out);
    }

    /** A hung child's threads, for the failure message: the hang is the evidence. */
    private static String threadDump(String java, long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), Long.toString(pid),
                "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** The program under the agent, recording to dir/rec.jfr with a 100 ms period. */
    static AgentRun withAgent(String java, Path dir, List<String> jvmArgs, Class<?> main, String... args)
        throws IOException, InterruptedException {
        return withAgent(java, dir, jvmArgs, testClasses(), main, args);
    }

    /** As above, with the application's own libraries on its class path. */
    static AgentRun withAgent(String java, Path dir, List<String> jvmArgs, String classpath, Class<?> main, String... args)
        throws IOException, InterruptedException {
        Path rec = dir.resolve("rec.jfr");
        List<String> verified = new ArrayList<>(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal"));
        verified.addAll(jvmArgs); // the woven JDK classes are verified like any other class
        AgentRun r = run(command(java, "file=" + rec + ",period=100ms", verified, classpath, main, args), rec, dir);
        assertTrue(r.exitCode == 0, "exit " + r.exitCode + "\nstdout:\n" + r.stdout + "\nstderr:\n" + r.stderr);
        assertTrue(Files.size(rec) > 0, "no recording written");
        return r;
    }

    List<RecordedEvent> events() throws IOException {
        if (events == null) {
            events = RecordingFile.readAllEvents(recording);
        }
        return events;
    }

    List<RecordedEvent> events(String name) throws IOException {
        return events().stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    List<RecordedEvent> events(String name, Predicate<RecordedEvent> filter) throws IOException {
        return events(name).stream().filter(filter).collect(Collectors.toList());
    }

    /** The one pool (first non-replayed, else replayed PoolCreated) whose creation site contains the text. */
    RecordedEvent pool(String siteContains) throws IOException {
        List<RecordedEvent> found = events(dev.threadguard.events.Schema.POOL_CREATED,
            e -> e.getString("creationSite").contains(siteContains));
        assertTrue(!found.isEmpty(), "no pool created at " + siteContains + " in " + events(dev.threadguard.events.Schema.POOL_CREATED));
        return found.stream().filter(e -> !e.getBoolean(dev.threadguard.events.Schema.REPLAYED)).findFirst().orElse(found.get(0));
    }

    /** Line of the source file that carries the marker comment, so tests don't hard-code line numbers. */
    static int lineOf(Class<?> program, String marker) throws IOException {
        return lineOf(Path.of(System.getProperty("threadguard.test.sources", "src/test/java"),
            program.getName().replace('.', '/') + ".java"), marker);
    }

    static int lineOf(Path src, String marker) throws IOException {
        List<String> lines = Files.readAllLines(src);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("marker " + marker + " not in " + src);
    }

    static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a child as another user");
    }
}
