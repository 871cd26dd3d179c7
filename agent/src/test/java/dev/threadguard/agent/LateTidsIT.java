package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.LateTidsProgram;

/**
 * Threads that leave their OS id to the sampler (short names ending in a number) are added to their
 * family's and pool's OS numbers whole, from their start: the on-CPU time summed over the samples
 * is at least what each thread measured of its own CPU, as for threads that read their own id; so
 * are an executor's workers whose long names share their first 15 characters (told apart by CPU time).
 */
class LateTidsIT {

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void threadsMatchedByNameCountWholeInTheirFamilyAndPool(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), LateTidsProgram.class);
        long family = familyId(run, "late-*");
        long longNamed = familyId(run, "long-named-worker-*");
        long pool = run.pool("LateTidsProgram.java:" + AgentRun.lineOf(LateTidsProgram.class, "LATE-POOL")).getLong(Schema.POOL_ID);

        List<String> poolThreads = run.events(Schema.THREAD_STARTED, e -> e.getLong(Schema.POOL_ID) == pool).stream()
            .map(e -> e.getThread(Schema.THREAD).getJavaName()).collect(Collectors.toList());
        assertEquals(LateTidsProgram.THREADS, poolThreads.size(), poolThreads.toString());
        // the pool's workers take the by-name path: their whole names are their comm
        assertTrue(poolThreads.stream().allMatch(n -> n.length() <= 15 && Character.isDigit(n.charAt(n.length() - 1))), poolThreads.toString());

        assertWhole(run, family, "family");
        assertWhole(run, pool, "pool");
        assertWhole(run, longNamed, "long");
        // workers whose names the OS cuts to one shared comm, one task each: matched by CPU time
        long longPool = run.pool("LateTidsProgram.java:" + AgentRun.lineOf(LateTidsProgram.class, "LONG-POOL")).getLong(Schema.POOL_ID);
        assertWhole(run, longPool, "long-pool");
    }

    private static long familyId(AgentRun run, String pattern) throws Exception {
        List<RecordedEvent> found = run.events(Schema.POOL_CREATED, e -> !e.getBoolean(Schema.REPLAYED)
            && Schema.KIND_FAMILY.equals(e.getString(Schema.KIND)) && pattern.equals(e.getString(Schema.NAME_PATTERN)));
        assertEquals(1, found.size(), pattern + ": " + found);
        return found.get(0).getLong(Schema.POOL_ID);
    }

    /** The OS's on-CPU time of the group over the run against what its threads measured of themselves. */
    private static void assertWhole(AgentRun run, long poolId, String group) throws Exception {
        long measured = Long.parseLong(run.stdout.lines().filter(l -> l.startsWith("cpu " + group + " "))
            .findFirst().orElseThrow(() -> new AssertionError("no cpu line for " + group + ":\n" + run.stdout)).substring(5 + group.length()));
        List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == poolId);
        long os = samples.stream().mapToLong(e -> e.getDuration(Schema.OS_CPU_TIME).toNanos()).sum();
        int sampled = samples.stream().mapToInt(e -> e.getInt(Schema.SAMPLED_THREADS)).max().orElse(-1);
        assertEquals(LateTidsProgram.THREADS, sampled, group + ": threads the OS numbers were read for");
        assertTrue(measured >= LateTidsProgram.THREADS * LateTidsProgram.SPIN_NANOS, group + " spun " + measured);
        // whole from the thread's start: nothing it ran before its first sample is lost; nothing counted twice
        assertTrue(os >= measured && os <= measured + LateTidsProgram.THREADS * 50_000_000L,
            group + ": the OS counted " + os + " ns on a CPU, the threads measured " + measured);
    }
}
