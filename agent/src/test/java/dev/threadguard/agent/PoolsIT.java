package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import testapp.ChurnProgram;
import testapp.FixedPoolProgram;
import testapp.GoneBeforeRecordingProgram;
import testapp.LifecycleProgram;
import testapp.NestedProgram;
import testapp.PoolPerRequestProgram;
import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pools under the packaged agent in real child JVMs, on JDK 17 and JDK 25: sizes, nesting, lifecycle, churn; recordings read back with jdk.jfr.consumer. */
class PoolsIT extends WithAgentJvms {

    @ParameterizedTest
    @MethodSource("jdks")
    void poolSizedToProcessorsRecordsSizeRelationPeakBusyAndCreationLine(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-XX:ActiveProcessorCount=32"), FixedPoolProgram.class);
        int line = lineOf(FixedPoolProgram.class, "POOL-CREATION");
        RecordedEvent created = run.pool("FixedPoolProgram.main(FixedPoolProgram.java:" + line + ")");
        assertEquals(Schema.KIND_TPE, created.getString(Schema.KIND));
        assertEquals(32, created.getInt(Schema.CORE_POOL_SIZE));
        assertEquals(32, created.getInt(Schema.AVAILABLE_PROCESSORS));
        assertEquals("n", created.getString(Schema.PROCESSOR_RELATION));
        assertEquals("FixedPoolProgram.main:" + line + " fixed(32)", created.getString(Schema.POOL_NAME));
        assertFalse(created.getBoolean(Schema.REPLAYED));
        assertTrue(created.getStackTrace().getFrames().stream()
            .anyMatch(f -> f.getMethod().getType().getName().endsWith("FixedPoolProgram")), "creation stack");

        List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> id(e) == id(created));
        assertTrue(samples.size() >= 3, "samples: " + samples.size());
        assertEquals(32, samples.stream().mapToInt(e -> e.getInt(Schema.POOL_SIZE)).max().getAsInt());
        assertEquals(32, samples.stream().mapToInt(e -> e.getInt(Schema.CONFIGURED_SIZE)).max().getAsInt());
        assertEquals(8, samples.stream().mapToInt(e -> e.getInt(Schema.PEAK_BUSY)).max().getAsInt(),
            "the high-water mark sees the 8 steps that run at once, never more");
        assertTrue(samples.stream().allMatch(e -> e.getInt(Schema.BUSY) <= 8));
        assertTrue(samples.stream().mapToLong(e -> e.getDuration(Schema.CPU_TIME).toNanos()).sum() > 0, "CPU time");
        List<RecordedEvent> process = run.events(Schema.PROCESS_THREADS);
        long osCpu = process.stream().mapToLong(e -> e.getDuration(Schema.OS_THREAD_CPU_TIME).toNanos()).sum();
        long waited = process.stream().mapToLong(e -> e.getDuration(Schema.RUN_QUEUE_WAIT).toNanos()).sum();
        assertTrue(osCpu > 100_000_000L, "8 spinning tasks ran on the CPU: " + osCpu);
        if (Runtime.getRuntime().availableProcessors() < 8) {
            assertTrue(waited > 0, "8 spinning tasks on " + Runtime.getRuntime().availableProcessors() + " CPUs wait for one");
        }

        List<RecordedEvent> workers = run.events(Schema.THREAD_STARTED, e -> e.getLong(Schema.POOL_ID) == id(created));
        assertEquals(32, workers.size(), "every worker start is attributed to the pool");
        assertTrue(workers.stream().allMatch(e -> e.getThread(Schema.THREAD).getJavaName().startsWith("pool-")));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void poolsCreatedInsideWorkersAndParallelStreamsAreLinkedToTheOuterPool(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-XX:ActiveProcessorCount=4"), NestedProgram.class);
        RecordedEvent outer = run.pool("NestedProgram.java:" + lineOf(NestedProgram.class, "OUTER-POOL"));
        String innerSite = "NestedProgram.java:" + lineOf(NestedProgram.class, "INNER-POOL");
        int streamLine = lineOf(NestedProgram.class, "PARALLEL-STREAM");
        List<RecordedEvent> inner = run.events(Schema.POOL_CREATED, e -> e.getString(Schema.CREATION_SITE).contains(innerSite));
        assertEquals(2, inner.size(), "one ForkJoinPool per outer task");
        for (RecordedEvent e : inner) {
            assertEquals(Schema.KIND_FORK_JOIN, e.getString(Schema.KIND));
            assertEquals(3, e.getInt(Schema.PARALLELISM));
            assertEquals(id(outer), e.getLong(Schema.CREATOR_POOL_ID), "created by a worker of the outer pool");
        }
        long common = run.events(Schema.POOL_CREATED, e -> Schema.KIND_COMMON_POOL.equals(e.getString(Schema.KIND)))
            .stream().mapToLong(WithAgentJvms::id).findFirst().orElseThrow();
        assertEquals(List.of(), run.events(Schema.POOL_CREATED, e -> Schema.KIND_FORK_JOIN.equals(e.getString(Schema.KIND))
            && id(e) != id(inner.get(0)) && id(e) != id(inner.get(1))), "the common pool, built in a worker, is not an ordinary pool");
        List<RecordedEvent> streamUse = run.events(Schema.NESTED_POOL_USE,
            e -> id(e) == common && e.getLong(Schema.CALLER_POOL_ID) == id(outer) && !e.getBoolean(Schema.REPLAYED));
        assertEquals(1, streamUse.size(), "parallel stream from the outer pool's workers, recorded once");
        assertEquals("ForkJoinTask.fork", streamUse.get(0).getString(Schema.API));
        assertTrue(streamUse.get(0).getString(Schema.CALL_SITE).contains("NestedProgram.java:" + streamLine),
            "call site of the parallel stream: " + streamUse.get(0).getString(Schema.CALL_SITE));
        assertTrue(streamUse.get(0).getStackTrace().getFrames().stream().anyMatch(f -> f.getLineNumber() == streamLine
            && f.getMethod().getType().getName().endsWith("NestedProgram")), "the stack shows the parallel stream's line");
        for (RecordedEvent i : inner) {
            List<RecordedEvent> into = run.events(Schema.NESTED_POOL_USE, e -> id(e) == id(i));
            assertEquals(1, into.size(), "the outer worker that created the inner pool submits into it: one edge " + into);
            assertEquals(id(outer), into.get(0).getLong(Schema.CALLER_POOL_ID));
            assertEquals("ForkJoinPool.submit", into.get(0).getString(Schema.API));
        }

        RecordedEvent early = run.pool("NestedProgram.java:" + lineOf(NestedProgram.class, "EARLY-POOL"));
        assertTrue(early.getBoolean(Schema.REPLAYED), "created before the recording: replayed when it started");
        assertEquals(Schema.KIND_SCHEDULED, early.getString(Schema.KIND));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolGoneBeforeTheRecordingStartedIsStillDescribed(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-XX:ActiveProcessorCount=4"), GoneBeforeRecordingProgram.class);
        RecordedEvent pool = run.pool("GoneBeforeRecordingProgram.java:" + lineOf(GoneBeforeRecordingProgram.class, "GONE-POOL"));
        assertTrue(pool.getBoolean(Schema.REPLAYED));
        assertEquals(Set.of(Schema.PHASE_TERMINATED), run.events(Schema.POOL_SHUTDOWN, e -> id(e) == id(pool)).stream()
            .map(e -> e.getString(Schema.PHASE)).collect(Collectors.toSet()), "its last phase is replayed");
        List<RecordedEvent> nested = run.events(Schema.NESTED_POOL_USE, e -> e.getLong(Schema.CALLER_POOL_ID) == id(pool));
        assertEquals(1, nested.size(), "its parallel stream into the common pool");
        assertTrue(nested.get(0).getBoolean(Schema.REPLAYED));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void rejectionsResizesAndShutdownAreRecorded(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), LifecycleProgram.class);
        RecordedEvent pool = run.pool("LifecycleProgram.java:" + lineOf(LifecycleProgram.class, "BOUNDED-POOL"));
        int rejected = Integer.parseInt(run.stdout.trim().split(" ")[1]);
        assertTrue(rejected > 0);
        assertEquals(rejected, run.events(Schema.TASK_REJECTED, e -> id(e) == id(pool)).stream()
            .mapToLong(e -> e.getLong(Schema.REJECTIONS)).sum(), "every rejection counted once");
        List<RecordedEvent> changes = run.events(Schema.POOL_CONFIG_CHANGED, e -> id(e) == id(pool));
        assertTrue(changes.stream().anyMatch(e -> e.getString(Schema.SETTING).equals("corePoolSize")
            && e.getLong(Schema.OLD_VALUE) == 1 && e.getLong(Schema.NEW_VALUE) == 2), changes.toString());
        assertTrue(changes.stream().anyMatch(e -> e.getString(Schema.SETTING).equals("maximumPoolSize")
            && e.getLong(Schema.OLD_VALUE) == 2 && e.getLong(Schema.NEW_VALUE) == 4), changes.toString());
        Set<String> phases = run.events(Schema.POOL_SHUTDOWN, e -> id(e) == id(pool)).stream()
            .map(e -> e.getString(Schema.PHASE)).collect(Collectors.toSet());
        // one event, terminated, when the idle workers exit before shutdown() returns (the race is the JVM's)
        assertTrue(phases.contains(Schema.PHASE_TERMINATED), phases.toString());
        assertTrue(Set.of(Schema.PHASE_SHUTDOWN, Schema.PHASE_TERMINATED).containsAll(phases), phases.toString());
        assertFalse(run.events(Schema.WORKER_EXITED, e -> id(e) == id(pool)).isEmpty());
    }

    /** Live PoolCreated events whose creation stack holds PoolPerRequestProgram's line. */
    private static List<RecordedEvent> createdAt(AgentRun run, int line) throws java.io.IOException {
        return run.events(Schema.POOL_CREATED, e -> !e.getBoolean(Schema.REPLAYED) && e.getStackTrace() != null
            && e.getStackTrace().getFrames().stream().anyMatch(f -> f.getLineNumber() == line
                && f.getMethod().getType().getName().equals(PoolPerRequestProgram.class.getName())));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolPerRequestIsRecordedInFullPastTheSiteWalkBudget(String java) throws Exception {
        // 1,000 pools in well under a second: past the 200 site walks a second, and cheap on purpose
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), PoolPerRequestProgram.class, "1000");
        assertTrue(run.stdout.contains("pools 1000"), run.stdout + run.stderr);
        int line = lineOf(PoolPerRequestProgram.class, "UNUSED-POOL");
        String unusedLine = "PoolPerRequestProgram.java:" + line;
        List<RecordedEvent> created = createdAt(run, line);
        assertEquals(1000, created.size(), "every pool has its PoolCreated with its creation stack");
        long walked = 0;
        for (RecordedEvent e : created) {
            assertEquals("java.util.concurrent.ThreadPoolExecutor", e.getStackTrace().getFrames().get(0).getMethod().getType().getName());
            assertEquals("fixed(3)", e.getString(Schema.POOL_NAME).substring(e.getString(Schema.POOL_NAME).lastIndexOf(' ') + 1));
            assertEquals("ThreadPoolExecutor", e.getString("kind"));
            assertEquals("java.util.concurrent.ThreadPoolExecutor", e.getString("poolClass"));
            assertEquals(3, e.getInt("corePoolSize"));
            assertEquals(3, e.getInt("maximumPoolSize"));
            assertEquals(3, e.getInt("parallelism"));
            assertEquals(0, e.getLong("keepAlive"));
            assertEquals("java.util.concurrent.LinkedBlockingQueue", e.getString("queueType"));
            assertEquals(-1, e.getInt("queueCapacity"));
            assertEquals("java.util.concurrent.Executors$DefaultThreadFactory", e.getString("threadFactory"));
            assertTrue(e.getInt("availableProcessors") > 0);
            assertTrue(e.getString("processorRelation") != null);
            assertEquals(0, e.getLong("creatorPoolId"));
            assertTrue(e.getLong(Schema.POOL_ID) > 0);
            String site = e.getString("creationSite");
            // past the walk budget the site is left to the event's stack trace (docs/events.md)
            if (!site.isEmpty()) {
                assertTrue(site.endsWith("(" + unusedLine + ")"), site);
                walked++;
            }
        }
        assertTrue(walked > 0, "the first pools of the second have their site walked");
        Set<Long> ids = created.stream().map(WithAgentJvms::id).collect(Collectors.toSet());
        List<RecordedEvent> ends = run.events(Schema.POOL_SHUTDOWN, e -> ids.contains(id(e)));
        for (RecordedEvent e : ends) {
            assertEquals(Schema.PHASE_TERMINATED, e.getString(Schema.PHASE));
            assertEquals(0, e.getInt("poolSize"));
            assertEquals(0, e.getLong("completedTasks"));
        }
        // each unused pool's end is recorded once: a PoolShutdown, or (ended before the next pool was made) a range
        List<RecordedEvent> ranges = run.events(Schema.POOLS_ENDED_UNUSED);
        java.util.Map<Long, Integer> endsOf = new java.util.HashMap<>();
        ends.forEach(e -> endsOf.merge(id(e), 1, Integer::sum));
        long inRanges = 0;
        for (RecordedEvent r : ranges) {
            long first = r.getLong(Schema.FIRST_POOL_ID);
            long last = r.getLong(Schema.LAST_POOL_ID);
            assertEquals(last - first + 1, r.getLong("pools"));
            for (long id = first; id <= last; id++) {
                assertTrue(ids.contains(id), "a range holds only unused pools: " + id);
                endsOf.merge(id, 1, Integer::sum);
                inRanges++;
            }
        }
        assertEquals(ids, endsOf.keySet(), "every unused pool's end is recorded");
        assertTrue(endsOf.values().stream().allMatch(n -> n == 1), "once");
        assertTrue(inRanges >= 900, "a pool per request pays one event, not two: " + inRanges + " of 1000 in ranges");
        List<RecordedEvent> usedPools = createdAt(run, lineOf(PoolPerRequestProgram.class, "TASKS-POOL"));
        assertEquals(1, usedPools.size());
        RecordedEvent used = usedPools.get(0);
        List<RecordedEvent> usedEnds = run.events(Schema.POOL_SHUTDOWN, e -> id(e) == id(used));
        assertTrue(usedEnds.stream().anyMatch(e -> e.getLong("completedTasks") == 3), "a pool that ran tasks counts them: " + usedEnds);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void poolChurnDoesNotGrowTheAgentsMemory(String java) throws Exception {
        // 20,000 pools with their creation stacks would need far more than 24 MB if the agent kept them
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-Xmx24m"), ChurnProgram.class, "20000");
        assertTrue(run.stdout.contains("pools 20000"), run.stdout + run.stderr);
        List<RecordedEvent> lastSamples = run.events(Schema.POOL_SAMPLE);
        long churnPoolsSampledAtEnd = lastSamples.stream()
            .filter(e -> e.getStartTime().equals(lastSamples.get(lastSamples.size() - 1).getStartTime()))
            .filter(e -> e.getString(Schema.POOL_NAME).contains("ChurnProgram")).count();
        assertTrue(churnPoolsSampledAtEnd < 100, "terminated pools are forgotten: " + churnPoolsSampledAtEnd);
    }
}
