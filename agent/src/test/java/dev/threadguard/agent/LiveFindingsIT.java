package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.HelloProgram;
import testapp.LiveProgram;

/**
 * warn=stderr and the findings meter: the analyzer's rules, nested in the agent jar, run inside
 * the JVM over its own recording. A nested explosion 3 s into the run prints one FOUND line on the
 * app's stderr and, once its pools have ended and left the window, one CLEARED line; the endpoint
 * counts it under threadguard_findings while it holds; the JVM still ends when main returns.
 * Without warn= none of it is loaded.
 */
class LiveFindingsIT {
    /**
     * The bound asserted on a loaded CI box. The measured latency is printed (the test's output)
     * and docs/performance.md gives the median with the machine's load.
     */
    static final long FOUND_BOUND_MILLIS = 15_000;

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aNestedExplosionIsWarnedAboutInsideTheJvmClearsWhenItEndsAndTheJvmExits(String java) throws Exception {
        Path classes = dir.resolve("classes.log");
        List<String> cmd = AgentRun.command(java, "file=" + dir.resolve("live.jfr") + ",warn=stderr,prometheus=0",
            List.of("-XX:ActiveProcessorCount=8", "-Xlog:class+load=info:file=" + classes), AgentRun.testClasses(),
            LiveProgram.class, "6", "120");
        try (LiveChild app = new LiveChild(cmd, dir)) {
            String[] endpoint = app.awaitEndpoint(60);
            app.awaitStdout("explosion at ", 60);
            long explosion = stamp(app.stdout(), "explosion at ");
            String found = awaitLine(app, "threadguard: FOUND", "nested-parallelism", 60);
            long latency = System.currentTimeMillis() - explosion;
            System.out.println("warn=stderr on " + java + ": FOUND " + latency + " ms after the onset (load average "
                + Files.readString(Path.of("/proc/loadavg")).trim() + ")");
            assertTrue(latency <= FOUND_BOUND_MILLIS, "FOUND " + latency + " ms after the onset: " + found);
            assertTrue(found.contains("LiveProgram"), "the inner pools' creation site: " + found);
            // while it holds, the endpoint counts it
            awaitFindings(endpoint, "nested-parallelism", true, 10);

            app.awaitStdout("calm at ", 120);
            long calm = stamp(app.stdout(), "calm at ");
            awaitLine(app, "threadguard: CLEARED", "nested-parallelism", 90);
            System.out.println("warn=stderr on " + java + ": CLEARED " + (System.currentTimeMillis() - calm)
                + " ms after the inner pools ended (window 20 s)");
            awaitFindings(endpoint, "nested-parallelism", false, 10);
            List<String> lines = app.stderr().lines().filter(l -> l.contains("nested-parallelism")).collect(Collectors.toList());
            assertEquals(1, lines.stream().filter(l -> l.startsWith("threadguard: CLEARED")).count(), lines.toString());
            assertTrue(lines.stream().allMatch(l -> l.startsWith("threadguard: FOUND") || l.startsWith("threadguard: CLEARED")),
                lines.toString());
            for (String l : app.stderr().lines().collect(Collectors.toList())) {
                assertTrue(l.startsWith("threadguard: "), "only the agent's lines on stderr: " + app.stderr());
            }

            // main returns: the live findings' threads must not keep the JVM alive
            app.process.getOutputStream().close();
            app.awaitStdout("main returns at ", 30);
            long returned = stamp(app.stdout(), "main returns at ");
            assertTrue(app.process.waitFor(30, TimeUnit.SECONDS), "the JVM did not end within 30 s of main returning");
            System.out.println("warn=stderr on " + java + ": the JVM ended " + (System.currentTimeMillis() - returned)
                + " ms after main returned");
            assertEquals(0, app.process.exitValue(), app.stderr());
        }
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("dev.threadguard.analyzer.live.InJvmFindings"), "with warn= the rules run in the JVM");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void withoutWarnTheRulesAreNeverLoaded(String java) throws Exception {
        Path log = dir.resolve("classes.log");
        AgentRun run = AgentRun.run(AgentRun.command(java, "file=" + dir.resolve("hello.jfr") + ",prometheus=0",
            List.of("-Xlog:class+load=info:file=" + log), AgentRun.testClasses(), HelloProgram.class), dir.resolve("hello.jfr"), dir);
        assertEquals(0, run.exitCode, run.stderr);
        String loaded = Files.readString(log);
        assertTrue(loaded.contains("dev.threadguard.bootstrap."), "the log lists the agent's classes");
        assertFalse(loaded.contains("dev.threadguard.analyzer."), "no rule, model or collector class loaded");
        assertFalse(run.stderr.contains("threadguard: FOUND"), run.stderr);

        Path plainLog = dir.resolve("plain-classes.log");
        AgentRun plain = AgentRun.run(AgentRun.command(java, "file=" + dir.resolve("plain.jfr"),
            List.of("-Xlog:class+load=info:file=" + plainLog), AgentRun.testClasses(), HelloProgram.class), dir.resolve("plain.jfr"), dir);
        assertEquals(0, plain.exitCode, plain.stderr);
        String plainLoaded = Files.readString(plainLog);
        assertFalse(plainLoaded.contains("dev.threadguard.analyzer."), "no rule, model or collector class loaded");
        assertFalse(plainLoaded.contains("dev.threadguard.shaded.micrometer."), "no Micrometer class loaded");
    }

    private static String awaitLine(LiveChild app, String prefix, String rule, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String l : app.stderr().lines().collect(Collectors.toList())) {
                if (l.startsWith(prefix) && l.contains(rule)) {
                    return l;
                }
            }
            assertTrue(app.process.isAlive(), "child ended: " + app.stdout() + app.stderr());
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + prefix + " ... " + rule + "' in " + seconds + " s; stderr: " + app.stderr());
    }

    private static long stamp(String stdout, String prefix) {
        for (String l : stdout.lines().collect(Collectors.toList())) {
            if (l.startsWith(prefix)) {
                return Long.parseLong(l.substring(prefix.length()).trim());
            }
        }
        throw new AssertionError("no " + prefix + " in " + stdout);
    }

    /** Waits (bounded) until the endpoint counts the rule's findings (holding) or has its series at 0 (not holding). */
    private static void awaitFindings(String[] endpoint, String rule, boolean holding, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String scrape = "";
        while (System.nanoTime() < deadline) {
            scrape = scrape(endpoint);
            double n = findings(scrape, rule);
            if (holding ? n >= 1 : n == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("threadguard_findings{rule=\"" + rule + "\"} " + (holding ? ">= 1" : "== 0 (the series stays)")
            + " not seen in " + seconds + " s:\n" + scrape);
    }

    private static String scrape(String[] endpoint) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + endpoint[0] + ":" + endpoint[1]
            + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The findings of a rule holding now, over its severities; -1 when the rule has no series. */
    private static double findings(String scrape, String rule) {
        double sum = -1;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("threadguard_findings{") && line.contains("rule=\"" + rule + "\"")) {
                sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
