package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.golden.Baseline;
import dev.threadguard.analyzer.programs.VerdictPrograms;
import dev.threadguard.analyzer.programs.real.CaffeineAsyncProgram;
import dev.threadguard.analyzer.programs.real.HazelcastMemberProgram;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Child;
import dev.threadguard.analyzer.support.Reports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's verdicts on programs nobody here wrote (real libraries, RealRecordings) and on the shapes
 * the rules must count honestly (VerdictPrograms), all recorded by the real agent: quiet where nothing
 * is wrong, every finding with the CPU wait the OS measured, fixes at the user's knob.
 */
class RealVerdictsIT {
    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "verdict-runs");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, CompletableFuture<Path>> RUNS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        RealRecordings.startAll();
        for (String mode : List.of("common", "owned", "family-owned", "family-shared", "sized-spinning", "scheduler",
                "plain-nested")) {
            shape(mode);
        }
    }

    private static CompletableFuture<Path> shape(String mode) {
        return RUNS.computeIfAbsent(mode, m -> CompletableFuture.supplyAsync(() -> {
            try {
                return m.equals("plain-nested") ? Child.record("verdict-" + m, VerdictPrograms.class, List.of(), m)
                        : Child.recordWithAgent("verdict-" + m, VerdictPrograms.class,
                                m.equals("scheduler") ? List.of("-XX:ActiveProcessorCount=36")
                                        // the common pool has n - 1 threads: 1 on 2 CPUs, 7 at 8 processors
                                        : m.equals("common") ? List.of("-XX:ActiveProcessorCount=8")
                                        // 2 common-pool workers for the family's 3 threads
                                        : m.equals("family-shared") ? List.of("-XX:ActiveProcessorCount=3")
                                        : m.equals("sized-spinning") ? List.of("-XX:ActiveProcessorCount=16") : List.of(), m);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, RUNNERS));
    }

    private static List<Finding> findings(Path jfr, String rule) throws Exception {
        return Reports.findings(List.of(jfr), rule);
    }

    private static List<Finding> real(String program, String rule) throws Exception {
        return findings(RealRecordings.recording(program), rule);
    }

    @Test
    void aCpuBoundPoolOfSixteenOnTwoCpusFiresWithTheWaitItMeasured() throws Exception {
        Path jfr = RealRecordings.recording("cpu-bound");
        // crowded seconds count with the wait the pools' own excess accounts for: no CPU-availability guard
        List<Finding> f = findings(jfr, "pools-exceed-cores");
        assertEquals(1, f.size(), f.toString());
        double wait = f.get(0).evidence().get("waitShare").doubleValue();
        assertTrue(wait >= 0.5, "16 spinning threads on 2 CPUs wait most of their runnable time: " + wait);
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        assertTrue(f.get(0).message().matches("(?s).*its threads waited \\d+% of their runnable time for a CPU.*"),
                f.get(0).message());
        assertTrue(f.get(0).recommendation().contains("CPU-bound"), f.get(0).recommendation());
    }

    @Test
    void anH2ServerUnderSixteenClientsIsQuietUnlessTheWaitSaysSoAndThenTheFixIsTheClients() throws Exception {
        for (Finding f : Reports.analyse(List.of(RealRecordings.recording("h2"))).findings) {
            if (f.rule().equals("pools-exceed-cores")) {
                assertTrue(f.evidence().get("waitShare").doubleValue() >= 0.1, f.toString());
                if (f.recommendation().contains("H2 TCP Server")) {
                    assertTrue(f.recommendation().contains("bound the clients' connections"), f.recommendation());
                }
            } else {
                assertTrue(f.severity() == Severity.INFO, "no other alarm on H2's thread per connection: " + f);
            }
        }
    }

    @Test
    void aHazelcastMemberAtSixtyFourProcessorsNamesHazelcastsPropertyAndTheAppsCall() throws Exception {
        int line = RealLibrariesIT.lineOf(HazelcastMemberProgram.class, "HAZELCAST-START");
        List<Finding> f = real("hazelcast", "pool-sized-to-cores");
        Finding partition = f.stream().filter(x -> x.message().contains("partition-operation")).findFirst().orElseThrow(
                () -> new AssertionError("the 64 partition threads are sized to the processors: " + f));
        assertEquals(64, partition.evidence().get("configuredSize").intValue());
        String fix = partition.recommendation();
        assertTrue(fix.contains("hazelcast.operation.thread.count"), fix);
        assertTrue(fix.contains("HazelcastMemberProgram.java:" + line + ")"), fix);
        for (Finding x : f) {
            assertFalse(x.recommendation().contains("Executors.new") || x.recommendation().contains("new ThreadPoolExecutor"),
                    "never an edit to library code: " + x.recommendation());
        }
    }

    @Test
    void realServersWithDefaultPoolsUnderSteadyLoadAreQuiet() throws Exception {
        // tomcat: an embedded Tomcat 11 under 16 paced in-JVM clients on 2 CPUs, CRITICAL pools-exceed-cores on a
        // loaded machine while its request threads "wanted" a CPU because the JIT and other processes held them;
        // tomcat-5ms: the clients pace 5 ms, CRITICAL in 2 of 3 runs on a quiet machine (load 8) before warm-up
        // seconds (the JIT's compilers at 30-60% of the JVM's CPU) counted only the pools' own demand
        for (String server : List.of("jetty", "undertow", "tomcat", "tomcat-5ms")) {
            List<Finding> f = Reports.analyse(List.of(RealRecordings.recording(server))).findings;
            assertEquals(List.of(), f.stream().filter(x -> x.severity() != Severity.INFO).toList(), server);
            assertTrue(f.stream().noneMatch(x -> x.rule().equals("nested-parallelism")
                    || x.rule().equals("pools-exceed-cores")), server + ": " + f);
        }
    }

    @Test
    void caffeineLoadsOnAThreadEachNameCompletableFutureCaffeinesKnobAndTheAppsCall() throws Exception {
        String call = "CaffeineAsyncProgram.java:" + RealLibrariesIT.lineOf(CaffeineAsyncProgram.class, "CACHE-GET") + ")";
        List<Finding> f = real("caffeine", "thread-churn");
        assertEquals(List.of(), real("caffeine-common-2", "thread-churn"), "the common pool runs the loads");
        if (!Child.asyncThreadPerTaskAtTwoProcessors()) {
            assertEquals(List.of(), f, "this JDK runs the loads in the common pool");
            return;
        }
        assertEquals(1, f.size(), f.toString());
        Finding churn = f.get(0);
        assertTrue(churn.location().endsWith(call), "at the app's call into Caffeine: " + churn.location());
        assertTrue(churn.message().contains("CompletableFuture") && churn.message().contains("inside Caffeine")
                && churn.message().contains("availableProcessors() is 2"), churn.message());
        assertTrue(churn.recommendation().contains("Caffeine.newBuilder().executor(pool)")
                && churn.recommendation().contains("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")
                && churn.recommendation().contains(call), churn.recommendation());
        long started = churn.evidence().get("startedThreads").longValue();
        long atSite = churn.evidence().get("startedAtSite").longValue();
        assertTrue(atSite >= 0.9 * started, "the loads started the threads: " + atSite + " of " + started);
    }

    @Test
    void reactorSchedulersUsedAsDocumentedAreNoLeak() throws Exception {
        dev.threadguard.analyzer.report.Analysis a = Reports.analyse(List.of(RealRecordings.recording("reactor")));
        long elastic = a.model.processes.get(0).pools.values().stream()
                .filter(p -> p.creationSite.contains("BoundedElasticScheduler")).count();
        // the program makes what a count of never-shut-down pools called a leak: 10 or more at one site
        assertTrue(elastic >= 10, "boundedElastic executors made: " + elastic);
        List<Finding> leaks = a.findings.stream().filter(x -> x.rule().equals("pool-leak")).toList();
        assertEquals(List.of(), leaks, "workers made on demand and used again are no leak");
    }

    @Test
    void aClientObjectPerRequestIsAPoolLeak() throws Exception {
        List<Finding> f = real("client-per-request", "pool-leak");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).evidence().get("created").intValue() >= 12, f.get(0).evidence().toString());
    }

    @Test
    void eightWorkersFeedingTheCommonPoolAreNPlusM() throws Exception {
        // no CPU-availability guard: crowded seconds count with the wait the 15 spinning threads' own excess accounts for
        Path jfr = shape("common").get();
        List<Finding> f = findings(jfr, "nested-parallelism");
        assertEquals(1, f.size(), "one finding for the one cause: " + f);
        assertEquals(8 + f.get(0).evidence().get("innerWidth").intValue(),
                f.get(0).evidence().get("potentialThreads").intValue(), "a shared pool adds its threads once");
        assertTrue(f.get(0).title().contains("8 + "), f.get(0).title());
        assertTrue(f.get(0).evidence().get("waitShare").doubleValue() >= 0.1, f.get(0).evidence().toString());
    }

    @Test
    void aPoolPerOuterWorkerIsNTimesM() throws Exception {
        Path jfr = shape("owned").get();
        List<Finding> f = findings(jfr, "nested-parallelism");
        assertEquals(1, f.size(), f.toString());
        assertEquals(16, f.get(0).evidence().get("potentialThreads").intValue(), "4 workers x their own pool of 4");
        assertTrue(f.get(0).evidence().get("innerPoolsAtOnce").intValue() >= 2, f.get(0).evidence().toString());
        assertTrue(f.get(0).message().contains("each outer worker owns an inner pool"), f.get(0).message());
    }

    @Test
    void aThreadFamilyWhoseThreadsEachCreateAPoolIsNTimesM() throws Exception {
        Path jfr = shape("family-owned").get();
        List<Finding> f = findings(jfr, "nested-parallelism");
        assertEquals(1, f.size(), f.toString());
        assertEquals(16, f.get(0).evidence().get("potentialThreads").intValue(), "4 family threads x their own pool of 4");
        assertTrue(f.get(0).title().contains("4 x 4"), f.get(0).title());
        assertTrue(f.get(0).message().contains("sim-*") && f.get(0).message().contains("each outer worker owns an inner pool"),
                f.get(0).message());
        assertTrue(f.get(0).evidence().get("innerPoolsAtOnce").intValue() >= 2, f.get(0).evidence().toString());
        // 16 spinning inner threads on 2 CPUs: the wait is measured, loaded machine or not (crowded seconds count
        // with the wait their own excess accounts for), and stated by this one finding, not again as exceeding the cores
        assertEquals(Severity.CRITICAL, f.get(0).severity(), f.get(0).evidence().toString());
        assertEquals(List.of(), findings(jfr, "pools-exceed-cores"));
    }

    @Test
    void aThreadFamilyComputingOnTheCommonPoolItDidNotCreateIsNPlusM() throws Exception {
        Path jfr = shape("family-shared").get();
        List<Finding> f = findings(jfr, "nested-parallelism");
        assertEquals(1, f.size(), "one finding for the one cause: " + f);
        int m = f.get(0).evidence().get("innerWidth").intValue();
        assertEquals(2, m, "the common pool at 3 processors: " + f.get(0).evidence());
        assertEquals(3 + m, f.get(0).evidence().get("potentialThreads").intValue(), "a shared pool adds its threads once");
        assertTrue(f.get(0).title().contains("3 + 2"), f.get(0).title());
        assertTrue(f.get(0).message().contains("sim-*"), f.get(0).message());
        // 5 spinning threads on 2 CPUs: the wait is measured, loaded machine or not, and stated once
        assertTrue(f.get(0).evidence().get("waitShare").doubleValue() >= 0.1, f.get(0).evidence().toString());
        assertEquals(List.of(), findings(jfr, "pools-exceed-cores"));
    }

    @Test
    void aPoolSizedToTheProcessorsThatAlsoOversubscribesThemIsOneFindingWithOneNumber() throws Exception {
        Path jfr = shape("sized-spinning").get();
        // 16 workers from availableProcessors(), 4 spinning tasks on 2 CPUs: both rules' cause, one finding
        assertEquals(List.of(), findings(jfr, "pool-sized-to-cores"), "left to pools-exceed-cores");
        List<Finding> f = findings(jfr, "pools-exceed-cores");
        assertEquals(1, f.size(), f.toString());
        String fix = f.get(0).recommendation();
        assertTrue(fix.contains("its size follows availableProcessors() (16 here)"), fix);
        assertTrue(f.get(0).evidence().get("waitShare").doubleValue() >= 0.1, f.get(0).evidence().toString());
    }

    @Test
    void aSchedulerOfOneThreadExecutorsAtThirtySixProcessorsIsOnePoolSizedToCores() throws Exception {
        Path jfr = shape("scheduler").get();
        List<Finding> f = findings(jfr, "pool-sized-to-cores");
        assertEquals(1, f.size(), f.toString());
        assertEquals(36, f.get(0).evidence().get("configuredSize").intValue());
        assertTrue(f.get(0).message().startsWith("Logical pool of 36 one-thread executors"), f.get(0).message());
        assertEquals(List.of(), findings(jfr, "pool-leak"), "a scheduler built in one loop is no leak");
    }

    @Test
    void aForkJoinPoolCreatedInAPoolWorkerIsFoundInPlainJfr() throws Exception {
        var a = Reports.analyse(List.of(shape("plain-nested").get()));
        Finding f = a.findings.stream().filter(x -> x.rule().equals("nested-parallelism")).findFirst()
                .orElseThrow(() -> new AssertionError("plain JFR: " + a.findings));
        assertTrue(f.title().matches("\\d+ pools created in 'pool-1-thread-\\*' workers"), f.title());
        assertTrue(f.message().contains("ForkJoinPool-"), "the inner pools are ForkJoinPools: " + f.message());
        assertTrue(f.message().contains("record with the threadguard agent"), f.message());
        assertTrue(a.rulesNeedingAgent.contains("pools-exceed-cores"), a.rulesNeedingAgent.toString());
    }

    @Test
    void whatIfOnTheRolloutSamplesRecording() throws Exception {
        Path rollout = Baseline.unpacked(Baseline.DIR.resolve("rollout.jfr.gz"));
        Reports.Run r = Reports.cli("report", "--format", "json", "--cores", "112", rollout.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode grown = root.path("whatIf").path("pools");
        assertTrue(grown.size() >= 1, r.out());
        boolean envs = false;
        for (JsonNode p : grown) {
            envs |= p.path("from").asInt() == 56 && p.path("to").asInt() == 112 && p.path("processorRelation").asText().equals("n");
        }
        assertTrue(envs, "the pool sized to the 56 processors grows to 112: " + grown);
        boolean sized = false;
        for (JsonNode f : root.path("findings")) {
            sized |= f.path("rule").asText().equals("pool-sized-to-cores") && f.path("evidence").path("configuredSize").asInt() == 112;
        }
        assertTrue(sized, "pool-sized-to-cores judges the projected pool: " + root.path("findings"));
    }

    @Test
    void aNettyServerWithItsDefaultEventLoopsUnderSteadyLoadIsQuiet() throws Exception {
        List<Finding> f = Reports.analyse(List.of(RealRecordings.recording("netty"))).findings;
        // 16 loops on 8 processors, most of them waiting in epoll: I/O, not CPU parallelism (the program's own
        // 16 client threads are its load, judged as any family)
        assertEquals(List.of(), f.stream().filter(x -> x.message().contains("NioEventLoopGroup")).toList(),
                "nothing about the event loop groups");
        assertTrue(f.stream().noneMatch(x -> x.rule().equals("nested-parallelism")), f.toString());
    }

    @Test
    void nettyEventLoopsComputingOnTwoCpusAreCpuParallelismWithTheWaitMeasured() throws Exception {
        Path jfr = RealRecordings.recording("netty-hot");
        // the program runs on until 4 seconds were not crowded by other processes (at most 15 s): the 3 the rule
        // needs measured are there unless the machine was crowded for all of those 15 s
        Reports.assumeUncrowdedSeconds(List.of(jfr), 3, 0);
        List<Finding> f = findings(jfr, "pools-exceed-cores");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("NioEventLoopGroup(16)' "), "the group by name: " + f.get(0).message());
        assertTrue(f.get(0).evidence().get("waitShare").doubleValue() >= 0.5, f.get(0).evidence().toString());
        assertTrue(findings(jfr, "pool-sized-to-cores").stream().noneMatch(x -> x.message().contains("NioEventLoopGroup")),
                "its loops are busy, not idle");
    }
}
