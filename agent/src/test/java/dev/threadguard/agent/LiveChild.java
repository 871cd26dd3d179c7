package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child JVM that keeps running while the test looks at it; closed by closing its stdin. */
final class LiveChild implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("Prometheus metrics at http://([0-9.]+):([0-9]+)/metrics");

    final Process process;
    final Path out;
    final Path err;

    LiveChild(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        out = dir.resolve("child-stdout.txt");
        err = dir.resolve("child-stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        process = pb.start();
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits (bounded) until stdout has the line. */
    void awaitStdout(String line, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!stdout().contains(line)) {
            assertTrue(process.isAlive(), "child ended: " + stdout() + stderr());
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in " + seconds + " s: " + stdout() + stderr());
            Thread.sleep(100);
        }
    }

    /** Waits (bounded) for the agent's endpoint line; returns {host, port}. */
    String[] awaitEndpoint(long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Matcher m = ENDPOINT.matcher(stderr());
            if (m.find()) {
                return new String[] {m.group(1), m.group(2)};
            }
            assertTrue(process.isAlive(), "child ended: " + stdout() + stderr());
            assertTrue(System.nanoTime() < deadline, "no endpoint logged in " + seconds + " s: " + stderr());
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
