package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.LateClassesProgram;

/**
 * Under -javaagent, premain retransforms only the hook table's JDK classes already loaded (Thread,
 * Runtime; JDK 21+ VirtualThread): the others are woven as they load, later, on whatever thread
 * first uses them. An attach loads and retransforms them all. Either way a pool made afterwards is
 * recorded in full: its creation with the app's stack, its workers, its K tasks at once (FutureTask
 * and the executor's hooks), a fork into the common pool and a submit into a ForkJoinPool from its
 * workers (ForkJoinTask, ForkJoinPool), its end.
 */
class LateClassesIT extends WithAgentJvms {
    /** Loaded after premain in a hello world on JDK 17 and 25 (ForkJoinWorkerThread is loaded early on 25). */
    private static final List<String> LATE = List.of("java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.FutureTask",
        "java.util.concurrent.ForkJoinPool", "java.util.concurrent.ForkJoinTask");

    @ParameterizedTest
    @MethodSource("jdks")
    void classesFirstLoadedAfterPremainAreWovenAsTheyLoad(String java) throws Exception {
        Path classes = dir.resolve("classes.txt");
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-Xlog:class+load:file=" + classes), LateClassesProgram.class);
        assertTrue(run.stdout.contains("late pools done, K at once sampled true"), run.stdout);
        // the test means something only if these loaded after premain's retransform: after the class
        // premain loads last, before it starts the agent's thread (which may be the first to use one)
        List<String> loads = Files.readAllLines(classes);
        int premainEnd = firstLoad(loads, Recorder.class.getName() + "$Starter");
        for (String c : LATE) {
            assertTrue(firstLoad(loads, c) > premainEnd, c + " loaded during premain");
        }
        assertRecordedInFull(run.events());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anAttachWeavesTheClassesTheApplicationLoadedBefore(String java) throws Exception {
        Path go = dir.resolve("go");
        Path rec = dir.resolve("attached.jfr");
        Path err = dir.resolve("err.txt");
        Process app = AgentRun.startForAttach(java, dir, LateClassesProgram.class, go.toString());
        String stdout;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("before-attach pools done"));
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "app: " + ready);
            AgentRun.Attached attached = AgentRun.attach(java, ready.substring("ready ".length()), "file=" + rec + ",period=100ms");
            assertEquals(0, attached.exit, attached.output);
            Files.writeString(go, "go");
            stdout = out.lines().collect(Collectors.joining("\n"));
            assertTrue(app.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue(), Files.readString(err));
        } finally {
            app.destroyForcibly();
        }
        assertTrue(stdout.contains("late pools done, K at once sampled true"), stdout);
        assertRecordedInFull(RecordingFile.readAllEvents(rec));
    }

    private static int firstLoad(List<String> loads, String className) {
        for (int i = 0; i < loads.size(); i++) {
            if (loads.get(i).contains("] " + className + " source:")) {
                return i;
            }
        }
        throw new AssertionError(className + " never loaded");
    }

    private static void assertRecordedInFull(List<RecordedEvent> events) throws Exception {
        String file = "LateClassesProgram.java:";
        RecordedEvent tpe = created(events, file + lineOf(LateClassesProgram.class, "LATE-TPE"));
        RecordedEvent fj = created(events, file + lineOf(LateClassesProgram.class, "LATE-FJP"));
        assertEquals(Schema.KIND_TPE, tpe.getString(Schema.KIND));
        assertEquals(LateClassesProgram.Workload.K, tpe.getInt(Schema.CORE_POOL_SIZE));
        assertEquals(Schema.KIND_FORK_JOIN, fj.getString(Schema.KIND));
        assertEquals(3, fj.getInt(Schema.PARALLELISM));
        for (RecordedEvent pool : List.of(tpe, fj)) {
            // the woven constructor committed it: the stack starts in the JDK, the program's frame below
            assertFalse(pool.getBoolean(Schema.REPLAYED), "recorded at its creation: " + pool);
            assertTrue(pool.getStackTrace().getFrames().get(0).getMethod().getType().getName().startsWith("java.util.concurrent."),
                "stack begins at the JDK's frame: " + pool.getStackTrace());
            assertTrue(pool.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().contains("LateClassesProgram")), "the program's frame");
            // written by the woven shutdown() or terminated() as the program waits for the pool's end
            assertFalse(events(events, Schema.POOL_SHUTDOWN, id(pool)).isEmpty(), "its end: " + pool);
        }
        assertEquals(LateClassesProgram.Workload.K, events(events, Schema.THREAD_STARTED, id(tpe)).size(),
            "every worker start is the executor's");
        assertFalse(events(events, Schema.THREAD_STARTED, id(fj)).isEmpty(), "the ForkJoinPool's workers");
        assertEquals(LateClassesProgram.Workload.K, events(events, Schema.POOL_SAMPLE, id(tpe)).stream()
            .mapToInt(e -> e.getInt(Schema.PEAK_BUSY)).max().orElse(-1), "K tasks ran at once, counted by the task hooks");
        List<RecordedEvent> nested = events.stream().filter(e -> e.getEventType().getName().equals(Schema.NESTED_POOL_USE)
            && e.getLong(Schema.CALLER_POOL_ID) == id(tpe)).collect(Collectors.toList());
        assertTrue(nested.stream().anyMatch(e -> e.getString(Schema.API).equals("ForkJoinTask.fork")),
            "a fork from the executor's worker into the common pool: " + nested);
        assertTrue(nested.stream().anyMatch(e -> e.getString(Schema.API).equals("ForkJoinPool.submit") && id(e) == id(fj)),
            "a submit from the executor's worker into the ForkJoinPool: " + nested);
    }

    private static RecordedEvent created(List<RecordedEvent> events, String site) {
        return events.stream().filter(e -> e.getEventType().getName().equals(Schema.POOL_CREATED)
            && e.getString(Schema.CREATION_SITE).contains(site) && !e.getBoolean(Schema.REPLAYED)).findFirst()
            .orElseThrow(() -> new AssertionError("no pool recorded at its creation at " + site));
    }

    private static List<RecordedEvent> events(List<RecordedEvent> events, String name, long poolId) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name) && e.getLong(Schema.POOL_ID) == poolId)
            .collect(Collectors.toList());
    }
}
