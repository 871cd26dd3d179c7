package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import testapp.AttachProgram;
import testapp.FixedPoolProgram;
import testapp.HelloProgram;
import testapp.OwnByteBuddyProgram;
import dev.threadguard.events.Schema;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged agent's entry points in real child JVMs, on JDK 17 and JDK 25: options, the user's own recording, the app's own Byte Buddy, attach. */
class AgentIT {

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    private static long id(RecordedEvent e) {
        return e.getLong(Schema.POOL_ID);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void badOptionLeavesTheAppAloneAndGoodOptionsPrintNothing(String java) throws Exception {
        Path base = Files.createDirectories(dir.resolve("plain"));
        AgentRun plain = AgentRun.run(AgentRun.command(java, null, List.of(), AgentRun.testClasses(), HelloProgram.class, "3"), null, base);
        Path bad = Files.createDirectories(dir.resolve("bad"));
        AgentRun withBad = AgentRun.run(AgentRun.command(java, "perod=1s", List.of(), AgentRun.testClasses(), HelloProgram.class, "3"), null, bad);
        assertEquals(3, plain.exitCode);
        assertEquals(plain.exitCode, withBad.exitCode);
        assertEquals(plain.stdout, withBad.stdout);
        List<String> extra = new ArrayList<>(withBad.stderr.lines().collect(Collectors.toList()));
        extra.removeAll(plain.stderr.lines().collect(Collectors.toList()));
        assertEquals(1, extra.size(), "one line: " + extra);
        assertTrue(extra.get(0).startsWith("threadguard: unknown option 'perod'") && extra.get(0).endsWith("agent disabled"), extra.get(0));
        try (var files = Files.list(bad)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".jfr")), "disabled agent writes nothing");
        }

        Path good = Files.createDirectories(dir.resolve("good"));
        AgentRun withGood = AgentRun.run(AgentRun.command(java, "file=" + good.resolve("x.jfr"), List.of(), AgentRun.testClasses(),
            HelloProgram.class, "3"), null, good);
        assertEquals(3, withGood.exitCode);
        assertEquals(plain.stdout, withGood.stdout);
        assertEquals(plain.stderr, withGood.stderr, "no warnings of the agent's own (CDS, Unsafe, ...)");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void withTheUsersOwnRecordingTheEventsGoIntoIt(String java) throws Exception {
        Path rec = dir.resolve("user.jfr");
        AgentRun run = AgentRun.run(AgentRun.command(java, "", List.of("-XX:ActiveProcessorCount=32",
            "-XX:StartFlightRecording=filename=" + rec), AgentRun.testClasses(), FixedPoolProgram.class), rec, dir);
        assertEquals(0, run.exitCode, run.stderr);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("threadguard-")), "no second recording");
        }
        RecordedEvent pool = run.pool("FixedPoolProgram.java:" + lineOf(FixedPoolProgram.class, "POOL-CREATION"));
        assertFalse(run.events(Schema.POOL_SAMPLE, e -> id(e) == id(pool)).isEmpty(), "periodic events use their default period");
        assertFalse(run.events(Schema.HOST).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void helpPrintsTheOptionTableAndRunsTheAppWithoutTheAgent(String java) throws Exception {
        AgentRun run = AgentRun.run(AgentRun.command(java, "help", List.of(), AgentRun.testClasses(), HelloProgram.class, "0"), null, dir);
        assertEquals(0, run.exitCode);
        assertEquals("hello from the app\n", run.stdout);
        for (dev.threadguard.events.AgentOptions.Option o : dev.threadguard.events.AgentOptions.TABLE) {
            assertTrue(run.stderr.contains("  " + o.key), "help lists " + o.key + ":\n" + run.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void appWithItsOwnByteBuddyWorks(String java) throws Exception {
        String other = System.getProperty("threadguard.other.bytebuddy");
        assertTrue(other != null && new File(other).isFile(), "the app's Byte Buddy jar: " + other);
        Path rec = dir.resolve("rec.jfr");
        AgentRun run = AgentRun.run(AgentRun.command(java, "file=" + rec, List.of(),
            AgentRun.testClasses() + File.pathSeparator + other, OwnByteBuddyProgram.class), rec, dir);
        assertEquals(0, run.exitCode, run.stderr);
        assertTrue(run.stdout.contains("generated by the app's Byte Buddy"), run.stdout);
        assertTrue(run.stdout.contains("byte-buddy-1.14.18.jar"), "the app's own version is the one it uses: " + run.stdout);
        assertTrue(run.stdout.contains("ok"));
        run.pool("OwnByteBuddyProgram.java:" + lineOf(OwnByteBuddyProgram.class, "APP-POOL"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void attachingToARunningJvmFindsItsPools(String java) throws Exception {
        Path go = dir.resolve("go");
        Path rec = dir.resolve("attached.jfr");
        ProcessBuilder pb = new ProcessBuilder(AgentRun.command(java, null, List.of(), AgentRun.testClasses(),
            AttachProgram.class, go.toString())).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process app = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "app: " + ready);
            String pid = ready.substring("ready ".length());
            Process attach = new ProcessBuilder(java, "-cp", AgentRun.agentJar(), "dev.threadguard.agent.Attach", pid,
                "file=" + rec + ",period=100ms").redirectErrorStream(true).start();
            String attachOut = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(attach.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, attach.exitValue(), attachOut);
            Files.writeString(go, "go");
            assertTrue(app.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue(), Files.readString(dir.resolve("err.txt")));
        } finally {
            app.destroyForcibly();
        }
        List<RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(rec);
        List<RecordedEvent> pools = events.stream().filter(e -> e.getEventType().getName().equals(Schema.POOL_CREATED))
            .collect(Collectors.toList());
        RecordedEvent fj = pools.stream().filter(e -> e.getString(Schema.KIND).equals(Schema.KIND_FORK_JOIN)).findFirst().orElseThrow();
        assertEquals(3, fj.getInt(Schema.PARALLELISM));
        RecordedEvent tpe = pools.stream().filter(e -> e.getString(Schema.KIND).equals(Schema.KIND_TPE)
            && e.getInt(Schema.CORE_POOL_SIZE) == 2).findFirst().orElseThrow();
        assertTrue(tpe.getBoolean(Schema.REPLAYED), "found after the attach, not at its creation");
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals(Schema.POOL_SAMPLE)
            && e.getLong(Schema.POOL_ID) == tpe.getLong(Schema.POOL_ID) && e.getInt(Schema.POOL_SIZE) == 2));
    }
}
