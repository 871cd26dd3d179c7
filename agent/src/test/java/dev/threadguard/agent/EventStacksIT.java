package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.StacksProgram;

/** What JDK Mission Control shows: stacks that start at the JDK method the app called, no sentinels. */
class EventStacksIT {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void stacksStartOutsideTheAgentAndReplayedEventsCarryNone(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), StacksProgram.class);
        Set<String> withStacks = new TreeSet<>();
        for (RecordedEvent e : run.events()) {
            String name = e.getEventType().getName();
            if (!name.startsWith(Schema.PREFIX) || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            assertFalse(frames.isEmpty(), name);
            String top = frames.get(0).getMethod().getType().getName();
            assertFalse(top.startsWith("dev.threadguard"), name + " starts in the agent: " + frames.get(0));
            assertTrue(frames.stream().noneMatch(f -> f.getMethod().getType().getName().startsWith("dev.threadguard.")),
                name + " has an agent frame: " + frames);
            withStacks.add(name);
        }
        // PoolShutdown has none: a pool's one event with a stack is its creation
        assertEquals(new TreeSet<>(Set.of(Schema.POOL_CREATED, Schema.TASK_REJECTED,
            Schema.POOL_CONFIG_CHANGED, Schema.NESTED_POOL_USE)), withStacks);
        List<RecordedEvent> replayed = run.events(Schema.POOL_CREATED, e -> e.getBoolean(Schema.REPLAYED));
        String earlySite = "StacksProgram.java:" + AgentRun.lineOf(StacksProgram.class, "EARLY");
        assertTrue(replayed.stream().anyMatch(e -> e.getString(Schema.CREATION_SITE).contains(earlySite)), "the early pool is replayed");
        for (RecordedEvent e : replayed) {
            assertNull(e.getStackTrace(), "a replay carries no stack, never the recorder's");
        }
        // created before the recording started: its stack kept as text, from the JDK's constructor to main
        RecordedEvent early = replayed.stream().filter(e -> e.getString(Schema.CREATION_SITE).contains(earlySite)).findFirst().orElseThrow();
        String[] frames = early.getString(Schema.CREATION_FRAMES).split("\n");
        assertTrue(frames[0].startsWith("java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:"), frames[0]);
        assertTrue(Arrays.stream(frames).anyMatch(f -> f.equals("testapp.StacksProgram.main(" + earlySite + ")")),
            String.join("\n", frames));
        assertTrue(Arrays.stream(frames).noneMatch(f -> f.startsWith("dev.threadguard.")), String.join("\n", frames));
        for (RecordedEvent e : run.events(Schema.NESTED_POOL_USE, e -> e.getBoolean(Schema.REPLAYED))) {
            assertNull(e.getStackTrace());
        }
        List<RecordedEvent> families = run.events(Schema.POOL_CREATED, e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND)));
        assertFalse(families.isEmpty());
        for (RecordedEvent e : families) {
            assertEquals(0, e.getInt(Schema.MAXIMUM_POOL_SIZE), "a family has no size: 0, not -1");
        }
        for (RecordedEvent e : run.events(Schema.POOL_SAMPLE)) {
            assertTrue(e.getInt(Schema.CONFIGURED_SIZE) >= 0, "configuredSize " + e.getInt(Schema.CONFIGURED_SIZE));
        }
        int feature = java.equals(AgentRun.TEMURIN_25) ? 25 : Runtime.version().feature();
        List<RecordedEvent> process = run.events(Schema.PROCESS_THREADS);
        assertFalse(process.isEmpty());
        for (RecordedEvent e : process) {
            assertTrue(e.getLong(Schema.VIRTUAL_THREADS) >= 0 && e.getLong(Schema.STARTED_VIRTUAL_THREADS) >= 0);
            assertEquals(feature >= 21, e.getBoolean(Schema.VIRTUAL_THREADS_TRACKED), "virtual threads exist from JDK 21");
        }
    }
}
