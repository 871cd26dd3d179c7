package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.programs.real.ClientPerRequestProgram;
import dev.threadguard.analyzer.programs.real.CpuBoundPoolProgram;
import dev.threadguard.analyzer.programs.real.HazelcastMemberProgram;
import dev.threadguard.analyzer.programs.real.NettyServerProgram;
import dev.threadguard.analyzer.support.Child;
import dev.threadguard.events.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the agent must record on real libraries from Maven Central (test scope), each program a
 * child JVM under the built agent: the facts the rules judge from. Runs once, on the build's JDK
 * (the jdk25 execution leaves it out: the libraries, not the JVM, are under test here).
 */
public class RealLibrariesIT {

    @BeforeAll
    static void agentBuilt() {
        assertTrue(Files.exists(Child.agentJar()), "agent not built: " + Child.agentJar());
        RealRecordings.startAll();
    }

    private static List<RecordedEvent> events(String program, String type, Predicate<RecordedEvent> filter) throws Exception {
        return RecordingFile.readAllEvents(RealRecordings.recording(program)).stream()
            .filter(e -> e.getEventType().getName().equals(type)).filter(filter).collect(Collectors.toList());
    }

    private static long nanos(RecordedEvent e, String field) {
        return e.getDuration(field).toNanos();
    }

    /**
     * The share of the time the sampled threads were sampled over that they spent on a CPU. Not the instants
     * they were seen in state R: a runnable thread may be waiting for a CPU the machine's other load holds.
     */
    private static double onCpuShare(List<RecordedEvent> samples) {
        long onCpu = samples.stream().mapToLong(e -> nanos(e, Schema.OS_CPU_TIME)).sum();
        long sampledFor = samples.stream().mapToLong(e -> e.getInt(Schema.SAMPLED_THREADS) * nanos(e, Schema.INTERVAL)).sum();
        return (double) onCpu / Math.max(1, sampledFor);
    }

    private static int sum(List<RecordedEvent> samples, String field) {
        return samples.stream().mapToInt(e -> e.getInt(field)).sum();
    }

    public static int lineOf(Class<?> program, String marker) throws IOException {
        Path src = Path.of("src", "test", "java", program.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(src);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("marker " + marker + " not in " + src);
    }

    @Test
    void cpuBoundPoolOfSixteenOnTwoCpusWaitsInTheRunQueue() throws Exception {
        String site = "CpuBoundPoolProgram.java:" + lineOf(CpuBoundPoolProgram.class, "CPU-POOL") + ")";
        long pool = events("cpu-bound", Schema.POOL_CREATED, e -> e.getString(Schema.CREATION_SITE).endsWith(site))
            .get(0).getLong(Schema.POOL_ID);
        List<RecordedEvent> samples = events("cpu-bound", Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == pool);
        assertEquals(16, samples.stream().mapToInt(e -> e.getInt(Schema.SAMPLED_THREADS)).max().getAsInt(),
            "every worker's OS thread is read");
        assertTrue(samples.stream().mapToInt(e -> e.getInt(Schema.OS_RUNNABLE)).max().getAsInt() > 2,
            "more workers want a CPU than the 2 CPUs");
        long wait = samples.stream().mapToLong(e -> nanos(e, Schema.RUN_QUEUE_WAIT)).sum();
        long ran = samples.stream().mapToLong(e -> nanos(e, Schema.OS_CPU_TIME)).sum();
        assertTrue(wait > 0 && wait > ran, "16 spinning threads on 2 CPUs wait longer than they run: wait " + wait + " ns, ran " + ran + " ns");
    }

    @Test
    void h2ConnectionThreadsAreBusyToJavaButMostlyAsleepToTheOs() throws Exception {
        Set<Long> families = events("h2", Schema.POOL_CREATED, e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND))
            && e.getString(Schema.NAME_PATTERN).startsWith("H2 TCP Server") && e.getString(Schema.NAME_PATTERN).endsWith("thread-*"))
            .stream().map(e -> e.getLong(Schema.POOL_ID)).collect(Collectors.toSet());
        assertEquals(1, families.size(), "one family of connection threads");
        List<RecordedEvent> loaded = events("h2", Schema.POOL_SAMPLE, e -> families.contains(e.getLong(Schema.POOL_ID))
            && e.getInt(Schema.POOL_SIZE) == 16 && e.getInt(Schema.SAMPLED_THREADS) >= 8);
        assertTrue(loaded.size() >= 3, "samples under the 16 clients: " + loaded.size());
        // Java calls a thread in a socket read RUNNABLE; the OS says whether it wanted a CPU
        assertTrue(sum(loaded, Schema.BUSY) * 10 >= sum(loaded, Schema.POOL_SIZE) * 9,
            "Java's RUNNABLE: nearly all of them, always: " + sum(loaded, Schema.BUSY) + " of " + sum(loaded, Schema.POOL_SIZE));
        assertTrue(onCpuShare(loaded) < 0.5, "most connection threads wait in a socket read: on a CPU " + onCpuShare(loaded));
    }

    @Test
    void hazelcastPoolsAtSixtyFourProcessorsCarryTheApplicationsCallIntoHazelcast() throws Exception {
        List<RecordedEvent> created = events("hazelcast", Schema.POOL_CREATED,
            e -> e.getString(Schema.CREATION_SITE).startsWith("com.hazelcast.") && !e.getBoolean(Schema.REPLAYED));
        assertTrue(created.size() >= 10, "Hazelcast's pools and families: " + created.size());
        int appLine = lineOf(HazelcastMemberProgram.class, "HAZELCAST-START");
        for (RecordedEvent e : created) {
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            assertTrue(frames.stream().anyMatch(f -> f.getMethod().getType().getName().endsWith("HazelcastMemberProgram")
                && f.getLineNumber() == appLine), "creation stack reaches the app: " + e);
        }
        assertTrue(created.stream().anyMatch(e -> e.getInt(Schema.AVAILABLE_PROCESSORS) == 64
            && "n".equals(e.getString(Schema.PROCESSOR_RELATION))), "a pool sized to the 64 processors");
        Set<Long> partition = created.stream().filter(e -> String.valueOf(e.getString(Schema.NAME_PATTERN)).endsWith("partition-operation.thread-*"))
            .map(e -> e.getLong(Schema.POOL_ID)).collect(Collectors.toSet());
        assertEquals(1, partition.size());
        List<RecordedEvent> samples = events("hazelcast", Schema.POOL_SAMPLE, e -> partition.contains(e.getLong(Schema.POOL_ID)));
        List<RecordedEvent> process = events("hazelcast", Schema.PROCESS_THREADS, e -> true);
        // the agent's OS reads stop at 5 ms of CPU and go on the next tick (docs/agent.md, "rotating subset"); a
        // tick's pool samples and process sample share one read. Hazelcast's partition threads override run(),
        // so the agent learns their OS ids by matching CPU times over its first reads of them. Since 242e1cd a
        // parked thread whose CPU clock did not move is not read again (nothing accrues while it is parked), so
        // an idle tick reads none of them: a tick whose process read was complete must read all 64 at least once,
        // within 10 s of the pool's creation, and never more than the 64
        java.time.Instant born = created.stream().filter(e -> partition.contains(e.getLong(Schema.POOL_ID)))
            .map(RecordedEvent::getStartTime).findFirst().orElseThrow();
        List<String> complete = new ArrayList<>();
        java.time.Instant firstAll = null;
        for (RecordedEvent s : samples.stream().sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList()) {
            RecordedEvent tick = sameTick(s, process);
            if (tick == null || s.getInt(Schema.POOL_SIZE) != 64 || tick.getInt(Schema.OS_THREADS) <= 0
                || tick.getInt(Schema.SAMPLED_OS_THREADS) != tick.getInt(Schema.OS_THREADS)) {
                continue;
            }
            int read = s.getInt(Schema.SAMPLED_THREADS);
            if (read == 64 && firstAll == null) {
                firstAll = s.getStartTime();
            }
            complete.add(read + "/64 of a complete read of " + tick.getInt(Schema.OS_THREADS));
        }
        assertTrue(firstAll != null, "a complete process read that read all 64 partition threads at once: " + complete
            + "; all: " + samples.stream().map(e -> e.getInt(Schema.SAMPLED_THREADS) + "/" + e.getInt(Schema.POOL_SIZE)).toList());
        assertTrue(samples.stream().allMatch(e -> e.getInt(Schema.SAMPLED_THREADS) <= 64), complete.toString());
        assertTrue(java.time.Duration.between(born, firstAll).toSeconds() <= 10,
            "the partition threads are matched within 10 s of the pool's creation: " + born + " -> " + firstAll + " " + complete);
    }

    /** The ProcessThreads event of the sampling tick a PoolSample belongs to (the same OS read), or null. */
    static RecordedEvent sameTick(RecordedEvent poolSample, List<RecordedEvent> process) {
        RecordedEvent best = null;
        long bestGap = Long.MAX_VALUE;
        for (RecordedEvent p : process) {
            long gap = Math.abs(java.time.Duration.between(poolSample.getStartTime(), p.getStartTime()).toMillis());
            if (gap < bestGap) {
                best = p;
                bestGap = gap;
            }
        }
        return bestGap <= 50 ? best : null;
    }

    @Test
    void serversWithDefaultPoolsUnderSteadyLoadAreMeasuredIdleMostOfTheTime() throws Exception {
        for (String[] server : new String[][] {{"jetty", "qtp"}, {"undertow", "XNIO-1 I/O-*"}}) {
            Set<Long> families = events(server[0], Schema.POOL_CREATED, e -> String.valueOf(e.getString(Schema.NAME_PATTERN)).startsWith(server[1]))
                .stream().map(e -> e.getLong(Schema.POOL_ID)).collect(Collectors.toSet());
            assertEquals(1, families.size(), server[0] + "'s worker threads are one family");
            List<RecordedEvent> samples = events(server[0], Schema.POOL_SAMPLE, e -> families.contains(e.getLong(Schema.POOL_ID))
                && e.getInt(Schema.SAMPLED_THREADS) > 0);
            assertTrue(samples.size() >= 3, server[0] + " samples: " + samples.size());
            assertTrue(samples.stream().mapToLong(e -> nanos(e, Schema.OS_CPU_TIME)).sum() > 0, server[0] + " served on the CPU");
            assertTrue(onCpuShare(samples) < 0.5, server[0] + ": most threads wait for work: on a CPU " + onCpuShare(samples));
            // HttpURLConnection's keep-alive timer: restarted over the run, never more than one at once
            Set<Long> timer = events(server[0], Schema.POOL_CREATED, e -> "Keep-Alive-Timer".equals(e.getString(Schema.NAME_PATTERN)))
                .stream().map(e -> e.getLong(Schema.POOL_ID)).collect(Collectors.toSet());
            assertTrue(events(server[0], Schema.POOL_SAMPLE, e -> timer.contains(e.getLong(Schema.POOL_ID)))
                .stream().allMatch(e -> e.getInt(Schema.POOL_SIZE) <= 1), "one keep-alive timer at a time");
        }
    }

    @Test
    void aClientCreatedPerRequestIsAFamilyCreatedAgainAndAgainFromOneSite() throws Exception {
        String site = "ClientPerRequestProgram.main(ClientPerRequestProgram.java:"
            + lineOf(ClientPerRequestProgram.class, "CLIENT-PER-REQUEST") + ")";
        List<RecordedEvent> selectors = events("client-per-request", Schema.POOL_CREATED,
            e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND)) && !e.getBoolean(Schema.REPLAYED)
                && String.valueOf(e.getString(Schema.NAME_PATTERN)).matches("HttpClient-\\d+-SelectorManager"));
        assertTrue(selectors.size() >= 12, "one family per client object: " + selectors.size());
        assertEquals(selectors.size(), selectors.stream().map(e -> e.getString(Schema.NAME_PATTERN)).distinct().count());
        assertTrue(selectors.stream().allMatch(e -> e.getString(Schema.CREATION_SITE).endsWith(site)), "all from the one call site");
        List<RecordedEvent> executors = events("client-per-request", Schema.POOL_CREATED,
            e -> Schema.KIND_TPE.equals(e.getString(Schema.KIND)) && e.getString(Schema.CREATION_SITE).endsWith(site));
        assertTrue(executors.size() >= 12, "and one executor per client: " + executors.size());
    }

    @Test
    void nettysWorkerGroupIsAPoolOfItsSixteenLoopsMostlyAsleepToTheOs() throws Exception {
        String site = "NettyServerProgram.main(NettyServerProgram.java:" + lineOf(NettyServerProgram.class, "NETTY-WORKERS") + ")";
        List<RecordedEvent> created = events("netty", Schema.POOL_CREATED, e -> e.getString(Schema.CREATION_SITE).equals(
            "dev.threadguard.analyzer.programs.real." + site));
        assertEquals(1, created.size(), "the worker group, created once");
        RecordedEvent group = created.get(0);
        assertEquals(Schema.KIND_EVENT_LOOP_GROUP, group.getString(Schema.KIND));
        assertEquals(16, group.getInt(Schema.PARALLELISM), "2 x 8 processors, from the group");
        assertEquals("2n", group.getString(Schema.PROCESSOR_RELATION));
        long id = group.getLong(Schema.POOL_ID);
        assertEquals(16, events("netty", Schema.THREAD_STARTED, e -> e.getLong(Schema.POOL_ID) == id).size(),
            "every loop's thread is the group's");
        assertTrue(events("netty", Schema.POOL_CREATED, e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND))
            && String.valueOf(e.getString(Schema.NAME_PATTERN)).startsWith("nioEventLoopGroup")).isEmpty(), "no family of loop threads");
        List<RecordedEvent> loaded = events("netty", Schema.POOL_SAMPLE, e -> e.getLong(Schema.POOL_ID) == id
            && e.getInt(Schema.POOL_SIZE) == 16 && e.getInt(Schema.SAMPLED_THREADS) > 0);
        assertTrue(loaded.size() >= 3, "samples under load: " + loaded.size());
        assertTrue(loaded.stream().mapToLong(e -> nanos(e, Schema.OS_CPU_TIME)).sum() > 0, "the loops served on the CPU");
        // a loop waiting in epoll_wait is RUNNABLE to Java and asleep to the OS
        assertTrue(onCpuShare(loaded) < 0.5, "most loops wait in their selector: on a CPU " + onCpuShare(loaded));
        assertTrue(events("netty", Schema.POOL_SHUTDOWN, e -> e.getLong(Schema.POOL_ID) == id
            && Schema.PHASE_TERMINATED.equals(e.getString(Schema.PHASE))).size() == 1, "the group's end is recorded");
    }
}
