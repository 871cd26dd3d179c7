package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.OsTruthProgram;

/** What the OS measured, per pool, family, native group and process, and pool-to-pool submissions. */
class OsTruthIT {

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    private static long nanos(RecordedEvent e, String field) {
        return e.getDuration(field).toNanos();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void busyIsWhatTheOsSaysAndSubmissionsBetweenPoolsAreEdges(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), OsTruthProgram.class);
        String site = "OsTruthProgram.main(OsTruthProgram.java:";
        long cpuPool = run.pool(site + lineOf(OsTruthProgram.class, "CPU-POOL") + ")").getLong(Schema.POOL_ID);
        long ioPool = run.pool(site + lineOf(OsTruthProgram.class, "IO-POOL") + ")").getLong(Schema.POOL_ID);
        long innerPool = run.pool(site + lineOf(OsTruthProgram.class, "INNER-POOL") + ")").getLong(Schema.POOL_ID);

        // 8 spinning workers on this machine's CPUs: all of them wanted a CPU, and waited for one
        List<RecordedEvent> cpu = run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == cpuPool);
        assertEquals(8, cpu.stream().mapToInt(e -> e.getInt(Schema.SAMPLED_THREADS)).max().getAsInt(),
            "every worker's OS thread is known");
        int mostRunnable = cpu.stream().mapToInt(e -> e.getInt(Schema.OS_RUNNABLE)).max().getAsInt();
        assertTrue(mostRunnable > Math.min(Runtime.getRuntime().availableProcessors(), 7),
            "more spinning workers in state R than CPUs: " + mostRunnable);
        assertTrue(cpu.stream().mapToLong(e -> nanos(e, Schema.OS_CPU_TIME)).sum() > 500_000_000L, "on-CPU time");
        if (Runtime.getRuntime().availableProcessors() < 8) {
            assertTrue(cpu.stream().mapToLong(e -> nanos(e, Schema.RUN_QUEUE_WAIT)).sum() > 100_000_000L,
                "8 spinning threads on fewer CPUs wait in the run queue");
            assertTrue(cpu.stream().mapToLong(e -> e.getLong(Schema.INVOLUNTARY_SWITCHES)).sum() > 0, "preempted");
        }

        // 6 workers blocked in socket reads: busy to Java, asleep to the OS
        List<RecordedEvent> io = run.events(Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == ioPool
            && e.getInt(Schema.BUSY) == 6 && e.getInt(Schema.SAMPLED_THREADS) == 6);
        assertTrue(io.size() >= 2, "samples of the reading pool: " + io.size());
        for (RecordedEvent e : io.subList(1, io.size())) {
            assertEquals(0, e.getInt(Schema.OS_RUNNABLE), "a socket read is no CPU demand: " + e);
        }

        List<RecordedEvent> sleepers = run.events(Schema.POOL_SAMPLE, e -> e.getString(Schema.POOL_NAME).endsWith("sleeper-*"));
        assertTrue(sleepers.stream().anyMatch(e -> e.getInt(Schema.SAMPLED_THREADS) == 3 && e.getInt(Schema.OS_RUNNABLE) == 0),
            "the family's 3 sleeping threads: " + sleepers);

        // a worker of one pool submitting into another executor and a ForkJoinPool: one edge per pair
        List<RecordedEvent> edges = run.events(Schema.NESTED_POOL_USE, e -> e.getLong(Schema.CALLER_POOL_ID) == cpuPool);
        assertEquals(1, edges.stream().filter(e -> e.getLong(Schema.POOL_ID) == innerPool).count(), "edge into the executor: " + edges);
        RecordedEvent toExecutor = edges.stream().filter(e -> e.getLong(Schema.POOL_ID) == innerPool).findFirst().get();
        assertEquals("ThreadPoolExecutor.execute", toExecutor.getString(Schema.API));
        assertTrue(toExecutor.getString(Schema.CALL_SITE).contains("OsTruthProgram.java:" + lineOf(OsTruthProgram.class, "SUBMIT-INNER")),
            toExecutor.getString(Schema.CALL_SITE));
        Set<Long> forkJoins = run.events(Schema.POOL_CREATED, e -> e.getString(Schema.KIND).equals(Schema.KIND_FORK_JOIN)).stream()
            .map(e -> e.getLong(Schema.POOL_ID)).collect(Collectors.toSet());
        assertEquals(1, edges.stream().filter(e -> forkJoins.contains(e.getLong(Schema.POOL_ID))).count(), "edge into the ForkJoinPool: " + edges);

        // the process: every OS thread read (far below the cap), the workers among them mapped
        List<RecordedEvent> process = run.events(Schema.PROCESS_THREADS);
        assertTrue(process.stream().anyMatch(e -> e.getInt(Schema.SAMPLED_OS_THREADS) == e.getInt(Schema.OS_THREADS)
            && e.getInt(Schema.MAPPED_OS_THREADS) >= 8 + 6 + 3), "process samples: " + process);
        assertTrue(process.stream().mapToLong(e -> nanos(e, Schema.SAMPLING_CPU_TIME)).max().getAsLong() > 0);

        // OS threads that are no Java thread the agent knows: the JVM's own, never a known worker
        List<RecordedEvent> natives = run.events(Schema.NATIVE_THREADS);
        assertTrue(natives.stream().anyMatch(e -> e.getString(Schema.COMM).equals("VM Thread") && e.getInt(Schema.COUNT) == 1
            && e.getInt(Schema.JAVA_THREADS) == 0), "HotSpot's VM thread is an OS thread without a Java thread");
        Set<String> workerComms = run.events(Schema.THREAD_STARTED, e -> e.getLong(Schema.POOL_ID) == cpuPool).stream()
            .map(e -> e.getThread(Schema.THREAD)).map(RecordedThread::getJavaName)
            .map(n -> n.length() > 15 ? n.substring(0, 15) : n).collect(Collectors.toSet());
        assertEquals(8, workerComms.size());
        assertTrue(natives.stream().noneMatch(e -> workerComms.contains(e.getString(Schema.COMM))),
            "no worker of a known pool is counted as a native thread");
    }
}
