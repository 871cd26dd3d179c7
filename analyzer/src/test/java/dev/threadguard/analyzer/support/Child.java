package dev.threadguard.analyzer.support;

import dev.threadguard.events.Schema;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test sources in a child JVM under -XX:StartFlightRecording (or the real agent)
 * and returns the recording. The JVM is the one of the {@code threadguard.test.java} system property, or
 * this JVM's.
 */
public final class Child {
    private Child() {}

    public static String java() {
        String p = System.getProperty("threadguard.test.java");
        if (p != null && !p.isBlank() && Files.isExecutable(Path.of(p))) {
            return p;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Whether the test's JVM runs CompletableFuture's async tasks on a new thread each at 2 processors (common
     * pool parallelism 1), asked of that JVM: JDK 17 does, JDK 25 runs them in the common pool.
     */
    public static boolean asyncThreadPerTaskAtTwoProcessors() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(), "-XX:ActiveProcessorCount=2", "-cp", classPath(),
                dev.threadguard.analyzer.programs.AsyncProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || !(out.equals("thread-per-task") || out.equals("common-pool"))) {
            throw new IllegalStateException("AsyncProbe: " + out);
        }
        return out.equals("thread-per-task");
    }

    public static String classPath() {
        return location(Child.class) + File.pathSeparator + location(Schema.class);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path workDir() throws IOException {
        Path dir = Path.of("target", "recordings");
        Files.createDirectories(dir);
        return dir.toAbsolutePath();
    }

    /** Records {@code main} with a plain command-line recording. */
    public static Path record(String name, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        Path jfr = workDir().resolve(name + ".jfr");
        Files.deleteIfExists(jfr);
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmArgs);
        cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=default");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        run(name, cmd);
        if (!Files.exists(jfr) || Files.size(jfr) == 0) {
            throw new IllegalStateException("child " + name + " wrote no recording");
        }
        return jfr;
    }

    /** The real agent, when its module has been built (or -Dthreadguard.agent.jar=...). */
    public static Path agentJar() {
        String p = System.getProperty("threadguard.agent.jar");
        Path jar = p != null ? Path.of(p) : Path.of("..", "agent", "target", "threadguard.jar");
        return jar.toAbsolutePath().normalize();
    }

    /** Runs {@code main} under the real threadguard agent, which writes its own recording (sampled every 250 ms). */
    public static Path recordWithAgent(String name, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        return recordWithAgentUnder(null, name, main, jvmArgs, args);
    }

    /** The same, started by {@code bash -c "<shell>; exec java ..."} (e.g. {@code ulimit -u 200}) when shell is not null. */
    public static Path recordWithAgentUnder(String shell, String name, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        Path jfr = workDir().resolve(name + ".jfr");
        Files.deleteIfExists(jfr);
        if (!Files.isRegularFile(agentJar())) {
            throw new IllegalStateException("agent not built: " + agentJar());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmArgs);
        cmd.add("-javaagent:" + agentJar() + "=file=" + jfr + ",period=250ms");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        run(name, shell == null ? cmd : List.of("bash", "-c", shell + "; exec " + String.join(" ", cmd)));
        if (!Files.exists(jfr) || Files.size(jfr) == 0) {
            throw new IllegalStateException("the agent wrote no recording for " + name);
        }
        return jfr;
    }

    /** Runs a command, fails with its output if it exits non-zero or takes more than two minutes. */
    public static String run(String name, List<String> cmd) throws IOException, InterruptedException {
        Path log = workDir().resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child " + name + " timed out");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("child " + name + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
