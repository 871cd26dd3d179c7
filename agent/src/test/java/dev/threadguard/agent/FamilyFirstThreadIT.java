package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.FamilyFirstThreadProgram;

/**
 * A family's first thread is its family's from its first line: attributed at Thread.start()'s entry,
 * so the pool it makes at once names the family as its creator (it named none when the thread ran
 * before its start's exit hook), and the samples of the family count it before a second thread exists.
 */
class FamilyFirstThreadIT {

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theFirstThreadOfAFamilyAndItsPoolAreTheFamilys(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), FamilyFirstThreadProgram.class);
        // (the program's own stream is a second recording: its start replays every pool, PoolCreated.replayed)
        List<RecordedEvent> families = run.events(Schema.POOL_CREATED,
            e -> !e.getBoolean(Schema.REPLAYED) && Schema.KIND_FAMILY.equals(e.getString(Schema.KIND))
                && "sim-*".equals(e.getString(Schema.NAME_PATTERN)));
        assertEquals(1, families.size(), "one family sim-*: " + families);
        long family = families.get(0).getLong(Schema.POOL_ID);
        assertTrue(families.get(0).getString(Schema.CREATION_SITE).contains(
            "FamilyFirstThreadProgram.java:" + lineOf(FamilyFirstThreadProgram.class, "FAMILY-START")));

        String innerSite = "FamilyFirstThreadProgram.java:" + lineOf(FamilyFirstThreadProgram.class, "FAMILY-INNER");
        List<RecordedEvent> inner = run.events(Schema.POOL_CREATED, e -> !e.getBoolean(Schema.REPLAYED) && e.getString(Schema.CREATION_SITE).contains(innerSite));
        assertEquals(List.of("sim-0", "sim-1", "sim-2", "sim-3"),
            inner.stream().map(e -> e.getThread().getJavaName()).sorted().collect(Collectors.toList()));
        for (RecordedEvent p : inner) {
            assertEquals(family, p.getLong(Schema.CREATOR_POOL_ID), p.getThread().getJavaName() + "'s pool is made by the family");
        }

        List<RecordedEvent> started = run.events(Schema.THREAD_STARTED, e -> e.getLong(Schema.FAMILY_ID) == family);
        assertEquals(List.of("sim-0", "sim-1", "sim-2", "sim-3"),
            started.stream().map(e -> e.getThread(Schema.THREAD).getJavaName()).sorted().collect(Collectors.toList()));
        // spawn tree: the ForkJoin workers sim-0 started name the family as the pool whose thread started them
        RecordedEvent sim0Pool = inner.stream().filter(e -> e.getThread().getJavaName().equals("sim-0")).findFirst().orElseThrow();
        List<RecordedEvent> sim0Workers = run.events(Schema.THREAD_STARTED, e -> e.getLong(Schema.POOL_ID) == sim0Pool.getLong(Schema.POOL_ID)
            && e.getThread() != null && e.getThread().getJavaName().equals("sim-0"));
        assertFalse(sim0Workers.isEmpty(), "sim-0 started its pool's first worker");
        assertTrue(sim0Workers.stream().allMatch(e -> e.getLong(Schema.CREATOR_POOL_ID) == family), sim0Workers.toString());

        // sim-0 alone, before sim-1 started: its family's sample read it (its OS counters too)
        assertTrue(run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == family && e.getInt(Schema.POOL_SIZE) == 1
            && e.getInt(Schema.SAMPLED_THREADS) == 1).size() > 0, "a sample of the family counted sim-0 alone");
        assertEquals(4, run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == family)
            .stream().mapToInt(e -> e.getInt(Schema.POOL_SIZE)).max().orElse(-1));
    }
}
