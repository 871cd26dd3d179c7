package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.report.Analysis;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Recordings;
import dev.threadguard.analyzer.support.Reports;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule on recordings the real agent made of small real programs (child JVMs): the pattern fires with
 * the right numbers at the right site, the fixed form stays silent. Only what the agent cannot be made to
 * record on demand is added by the program: native threads without a native library
 * ({@link dev.threadguard.analyzer.programs.MiniAgent}).
 */
class RecordedRulesIT {
    @BeforeAll
    static void startRecording() {
        Recordings.startAll();
    }

    static final int CPUS = onlineCpus();

    /** What the agent records as the host's CPUs (the tests play bigger machines with -XX:ActiveProcessorCount). */
    static int onlineCpus() {
        try {
            return (int) dev.threadguard.analyzer.support.Reports.analyse(Recordings.get("small-agent")).model.processes
                    .get(0).host.onlineCpus;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int lineOf(String file, String text) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("src/test/java/dev/threadguard/analyzer/programs", file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no '" + text + "' in " + file);
    }

    /** Where a program creates its pool: the line of its {@code // site: CLASS} comment. */
    static String site(String cls, String method, String file) throws java.io.IOException {
        Path src = Path.of("src/test/java/dev/threadguard/analyzer/programs", file);
        List<String> lines = java.nio.file.Files.readAllLines(src);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// site: " + cls)) {
                return "dev.threadguard.analyzer.programs." + cls + "." + method + "(" + file + ":" + (i + 1) + ")";
            }
        }
        throw new AssertionError("no '// site: " + cls + "' in " + src);
    }

    private static List<Finding> of(String recording, String rule) throws Exception {
        return Reports.findings(Recordings.get(recording), rule);
    }

    private static Finding only(String recording, String rule) throws Exception {
        List<Finding> f = of(recording, rule);
        assertEquals(1, f.size(), recording + " should have one " + rule + " finding: " + f);
        return f.get(0);
    }

    private static int ev(Finding f, String name) {
        Number n = f.evidence().get(name);
        assertTrue(n != null, "evidence " + name + " missing in " + f.evidence());
        return n.intValue();
    }

    private static double evd(Finding f, String name) {
        return f.evidence().get(name).doubleValue();
    }

    // ---- pool-sized-to-cores (seed 000)

    @Test
    void poolSizedToCoresFiresForAPoolOfAvailableProcessorsRunningFourTasks() throws Exception {
        Finding f = only("sized-broken", "pool-sized-to-cores");
        // its workers sleep: no CPU wait to measure, the idle workers cost little here (info); a warning only
        // when the OS measured the pool's threads waiting for a CPU
        Number wait = f.evidence().get("waitShare");
        Number waiting = f.evidence().get("waitingThreads");
        assertEquals(wait != null && wait.doubleValue() >= 0.1 && waiting.doubleValue() >= 0.5 ? Severity.WARNING : Severity.INFO,
                f.severity(), f.evidence().toString());
        assertEquals(16, ev(f, "configuredSize"));
        assertEquals(16, ev(f, "availableProcessors"));
        assertEquals(4, ev(f, "peakBusy"));
        assertEquals(12, ev(f, "idleWorkers"));
        String site = site("BatchEnv", "<init>", "SizedToCoresProgram.java");
        assertEquals(site, f.location());
        assertTrue(f.recommendation().contains("Executors.newFixedThreadPool(4) at " + site), f.recommendation());
    }

    @Test
    void poolSizedToCoresSilentWhenSizedToTheTasks() throws Exception {
        assertEquals(List.of(), of("sized-fixed", "pool-sized-to-cores"));
    }

    @Test
    void poolSizedToCoresSilentForASaturatedPool() throws Exception {
        Analysis a = Reports.analyse(Recordings.get("sized-saturated"));
        PoolStats p = a.model.pools().stream().filter(x -> x.name.startsWith("BatchEnv")).findFirst().orElseThrow();
        assertEquals(16, p.width());
        assertTrue(p.maxQueued >= 16, "the program must saturate the pool, queued " + p.maxQueued);
        assertTrue(a.findings.stream().noneMatch(f -> f.rule().equals("pool-sized-to-cores")), a.findings.toString());
    }

    // ---- nested-parallelism (seeds 001, 003)

    @Test
    void nestedParallelismFiresForPoolsCreatedInsideWorkers() throws Exception {
        Finding f = only("nested-broken", "nested-parallelism");
        assertEquals(4, ev(f, "outerWidth"));
        assertEquals(4, ev(f, "innerWidth"));
        assertEquals(16, ev(f, "potentialThreads"));
        assertEquals(12, ev(f, "innerPools"));
        assertTrue(ev(f, "innerPoolsAtOnce") >= 2, "each outer worker owns its inner pool: " + f.evidence());
        assertEquals(CPUS, ev(f, "processors"));
        assertTrue(f.message().contains("each outer worker owns an inner pool: 4 x 4 = 16"), f.message());
        // the inner tasks sleep: no CPU wait, so owned pools are info
        assertEquals(Severity.INFO, f.severity());
        assertTrue(ev(f, "observedThreads") >= 8, f.evidence().toString());
        // at one instant: the outer 4 and at most 4 inner pools of 4; never more busy than alive
        assertTrue(ev(f, "observedThreads") <= 4 + 4 * 4, f.evidence().toString());
        assertTrue(ev(f, "observedBusy") <= ev(f, "observedThreads"), f.evidence().toString());
        assertEquals(site("Env", "step", "NestedProgram.java"), f.location());
        assertTrue(f.recommendation().startsWith("let one level own the parallelism"), f.recommendation());
    }

    @Test
    void nestedParallelismSilentWhenInnerWorkIsSequential() throws Exception {
        assertEquals(List.of(), of("nested-fixed", "nested-parallelism"));
    }

    @Test
    void nestedParallelismQuietForSleepingStreamsInTheSharedCommonPool() throws Exception {
        // 4 workers feed the one common pool (parallelism 7) with tasks that sleep: a shared pool adds its
        // threads once (4 + 7, not 4 x 7) and nobody waited for a CPU, so there is nothing to report
        Analysis a = Reports.analyse(Recordings.get("nested-common"));
        assertTrue(a.model.processes.get(0).nestedUses.stream().anyMatch(u -> u.poolName().contains("common")),
                "the agent must have recorded the workers feeding the common pool");
        assertEquals(List.of(), of("nested-common", "nested-parallelism"));
    }

    @Test
    void nestedParallelismSilentForSequentialStreams() throws Exception {
        assertEquals(List.of(), of("nested-commonfixed", "nested-parallelism"));
    }

    // ---- pools-exceed-cores (seed 002; seed 003 across processes)

    @Test
    void poolsExceedCoresFiresForThreeCpuBoundPools() throws Exception {
        // crowded seconds count with the wait the pools' own excess accounts for: no CPU-availability guard
        Finding f = only("exceed-broken", "pools-exceed-cores");
        assertEquals(3, ev(f, "pools"));
        assertEquals(CPUS, ev(f, "processors"));
        assertTrue(evd(f, "meanDemand") > CPUS, f.evidence().toString());
        assertTrue(evd(f, "waitShare") >= 0.1, f.evidence().toString());
        assertTrue(evd(f, "oversubscribedShare") >= 0.2, f.evidence().toString());
        assertTrue(f.message().contains("of their runnable time for a CPU"), f.message());
        assertEquals(site("Trainer", "pool", "ExceedProgram.java"), f.location());
    }

    @Test
    void poolsExceedCoresSilentForOnePoolAsWideAsTheProcessors() throws Exception {
        assertEquals(List.of(), of("exceed-fixed", "pools-exceed-cores"));
    }

    @Test
    void poolsExceedCoresSilentForAnIoBoundPoolOf64() throws Exception {
        Analysis a = Reports.analyse(Recordings.get("exceed-io"));
        String client = site("Client", "pool", "ExceedProgram.java");
        PoolStats p = a.model.pools().stream().filter(x -> x.creationSite.startsWith(client)).findFirst().orElseThrow();
        assertTrue(p.peakBusy() >= 60, "the 64 workers must have been busy (waiting), peak " + p.peakBusy());
        assertTrue(a.findings.stream().noneMatch(f -> f.rule().equals("pools-exceed-cores")), a.findings.toString());
    }

    @Test
    void poolsExceedCoresAddsUpBusyWorkersOfProcessesOnOneHost() throws Exception {
        List<Path> two = Recordings.get("exceed-two-processes");
        // crowded seconds count with the wait the pools' own excess accounts for: no CPU-availability guard
        Finding f = only("exceed-two-processes", "pools-exceed-cores");
        assertEquals(2, ev(f, "processes"));
        assertTrue(evd(f, "meanDemand") > CPUS, f.evidence().toString());
        assertTrue(evd(f, "waitShare") >= 0.1, f.evidence().toString());
        // each process alone keeps to its 2 workers: silent
        if (CPUS >= 2) {
            assertEquals(List.of(), Reports.findings(List.of(two.get(0)), "pools-exceed-cores"));
        }
    }

    // ---- pool-leak

    @Test
    void poolLeakFiresForAPoolPerRequest() throws Exception {
        Finding f = only("leak-broken", "pool-leak");
        assertEquals(14, ev(f, "created"));
        assertEquals(14, ev(f, "neverShutDown"));
        assertEquals(56, ev(f, "threadsHeld"));
        assertEquals(site("Handler", "handle", "LeakProgram.java"), f.location());
        assertTrue(evd(f, "threadsAtEnd") > evd(f, "threadsAtStart"), f.evidence().toString());
    }

    @Test
    void poolLeakSilentWhenEachPoolIsShutDown() throws Exception {
        assertEquals(List.of(), of("leak-fixed", "pool-leak"));
    }

    // ---- thread-limit (seed 004)

    @Test
    void threadLimitFiresNearRlimitNproc() throws Exception {
        Finding f = only("limit-broken", "thread-limit");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(200, ev(f, "limit"));
        assertTrue(ev(f, "peakThreads") >= 160, f.evidence().toString());
        assertEquals(200 - ev(f, "peakThreads"), ev(f, "headroom"));
        assertTrue(f.message().contains("RLIMIT_NPROC") && f.message().contains("every thread of the user"),
                f.message());
        assertTrue(f.message().contains("Compiler.run:"), f.message());
    }

    @Test
    void threadLimitFiresForARealFailedThreadStartUnderUlimit() throws Exception {
        // root ignores RLIMIT_NPROC: run the program as nobody under ulimit -u 150 (Linux, as root, runuser)
        Path runuser = Path.of("/usr/sbin/runuser");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(runuser)
                && "root".equals(System.getProperty("user.name")), "needs root and runuser");
        Path dir = java.nio.file.Files.createTempDirectory("tg-ulimit");
        Path events = dir.resolve("events.jar");
        java.nio.file.Files.copy(Path.of(dev.threadguard.events.Schema.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()), events);
        Path agent = dir.resolve("threadguard.jar");
        java.nio.file.Files.copy(dev.threadguard.analyzer.support.Child.agentJar(), agent);
        // nobody may not read the build tree (a clone under /root): give it a copy of the test classes
        Path builtClasses = Path.of(RecordedRulesIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = dir.resolve("classes");
        org.junit.jupiter.api.Assertions.assertEquals(0, Runtime.getRuntime().exec(new String[] {"cp", "-r",
                builtClasses.toString(), classes.toString()}).waitFor());
        Path jfr = dir.resolve("fail.jfr");
        Runtime.getRuntime().exec(new String[] {"chmod", "-R", "a+rwX", dir.toString()}).waitFor();
        String cmd = "ulimit -u 150; exec " + dev.threadguard.analyzer.support.Child.java() + " -Xss256k"
                + " -javaagent:" + agent + "=file=" + jfr + ",period=250ms -cp " + classes + ":" + events + " "
                + dev.threadguard.analyzer.programs.LimitProgram.class.getName() + " fail";
        dev.threadguard.analyzer.support.Child.run("ulimit-fail",
                List.of(runuser.toString(), "-u", "nobody", "--", "bash", "-c", cmd));
        Finding f = Reports.findings(List.of(jfr), "thread-limit").get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(1, ev(f, "failedStarts"));
        assertEquals(150, ev(f, "limit"));
        assertTrue(f.message().contains("unable to create native thread"), f.message());
        assertTrue(f.location().endsWith("LimitProgram.main(LimitProgram.java:" + lineOf("LimitProgram.java", "t.start();") + ")"),
                f.location());
    }

    @Test
    void threadLimitSilentForABoundedPool() throws Exception {
        assertEquals(List.of(), of("limit-fixed", "thread-limit"));
    }

    // ---- native-threads (seeds 001, 003)

    @Test
    void nativeThreadsFiresForNativePoolsPerWorker() throws Exception {
        Finding f = only("native-broken", "native-threads");
        assertEquals(16, ev(f, "nativeThreads"));
        assertEquals(4, ev(f, "poolWorkers"));
        assertEquals(site("Model", "load", "NativeProgram.java"), f.location());
        assertTrue(f.recommendation().contains("OMP_NUM_THREADS=1"), f.recommendation());
    }

    @Test
    void nativeThreadsSilentAndNoRealJvmThreadTakenForNative() throws Exception {
        Analysis a = Reports.analyse(Recordings.get("native-fixed"));
        var pm = a.model.processes.get(0);
        assertTrue(pm.osCensusSeen);
        assertEquals(0, pm.nativeThreads, "native by comm: " + pm.nativeByComm);
        assertTrue(pm.jvmInternalThreads >= 3, "GC/compiler/VM threads: " + pm.jvmInternalThreads);
        assertTrue(a.findings.stream().noneMatch(f -> f.rule().equals("native-threads")));
    }

    // ---- processor-count-differs

    @Test
    void processorCountDiffersWithActiveProcessorCount() throws Exception {
        Finding f = only("small-agent-apc", "processor-count-differs");
        assertEquals(Severity.INFO, f.severity());
        assertEquals(8, ev(f, "availableProcessors"));
        assertEquals(CPUS, ev(f, "onlineCpus"));
        assertTrue(f.message().contains("-XX:ActiveProcessorCount=8"), f.message());
    }

    @Test
    void processorCountDiffersFromJdkEventsAlone() throws Exception {
        Finding f = only("small-plain-apc", "processor-count-differs");
        assertEquals(8, ev(f, "availableProcessors"));
    }

    @Test
    void processorCountDiffersSilentWithoutTheFlag() throws Exception {
        assertEquals(List.of(), of("small-agent", "processor-count-differs"));
        assertEquals(List.of(), of("small-plain", "processor-count-differs"));
    }

    // ---- thread-churn

    @Test
    void threadChurnFiresForAThreadPerTask() throws Exception {
        Finding f = only("churn-broken", "thread-churn");
        assertTrue(ev(f, "startedThreads") > 500, f.evidence().toString());
        assertTrue(ev(f, "startedAtSite") > 500, f.evidence().toString());
        assertTrue(f.message().contains("task-handler"), f.message());
        String start = "ChurnProgram.java:" + lineOf("ChurnProgram.java", "t.start();") + ")";
        assertTrue(f.location().endsWith(start), "at the thread's start: " + f.location());
        assertTrue(f.recommendation().startsWith(dev.threadguard.analyzer.rules.ThreadChurn.APP_FIX), f.recommendation());
        // the table's "made" counts the threads the family started, not the few alive at once
        dev.threadguard.analyzer.report.ReportView v = dev.threadguard.analyzer.report.ReportView.of(
                Reports.analyse(Recordings.get("churn-broken")));
        dev.threadguard.analyzer.report.PoolRow row = v.pools.stream().filter(r -> r.label.contains("task-handler")).findFirst()
                .orElseThrow(() -> new AssertionError("no task-handler row"));
        assertTrue(row.made() > 500 && row.peakAlive() <= 11, "made " + row.made() + ", peak alive " + row.peakAlive());
    }

    @Test
    void threadChurnOfCompletableFuturesThreadPerTaskNamesTheAsyncCallAndItsExecutor() throws Exception {
        if (!dev.threadguard.analyzer.support.Child.asyncThreadPerTaskAtTwoProcessors()) {
            assertEquals(List.of(), of("churn-async", "thread-churn"), "this JDK runs the async tasks in the common pool");
            return;
        }
        Finding f = only("churn-async", "thread-churn");
        String call = "ChurnProgram.java:" + lineOf("ChurnProgram.java", "ASYNC-CALL") + ")";
        assertTrue(f.location().endsWith(call), f.location());
        assertTrue(f.message().contains("by CompletableFuture") && !f.message().contains("inside"), f.message());
        assertTrue(f.recommendation().contains("runAsync(task, pool)") && f.recommendation().contains(call)
                && f.recommendation().contains("common.parallelism=2"), f.recommendation());
        assertTrue(ev(f, "startedAtSite") >= 500, f.evidence().toString());
    }

    @Test
    void threadChurnSilentForAPool() throws Exception {
        assertEquals(List.of(), of("churn-fixed", "thread-churn"));
    }

    // ---- tasks-rejected

    @Test
    void tasksRejectedFiresWhenTheQueueOverflows() throws Exception {
        Finding f = only("reject-broken", "tasks-rejected");
        assertTrue(ev(f, "rejections") >= 20, f.evidence().toString());
        assertEquals(site("Ingest", "<init>", "RejectProgram.java"), f.location());
    }

    @Test
    void tasksRejectedSilentWithABoundedProducer() throws Exception {
        assertEquals(List.of(), of("reject-fixed", "tasks-rejected"));
    }

    @Test
    void agentRecordingHasHostFactsAndOsCensus() throws Exception {
        Analysis a = Reports.analyse(Recordings.get("leak-fixed"));
        var pm = a.model.processes.get(0);
        assertTrue(pm.hasAgent());
        assertTrue(pm.host.fromAgent && pm.host.onlineCpus >= 1 && pm.host.threadsMax > 0, "host facts");
        assertTrue(pm.osCensusSeen, "OS thread census");
        assertEquals(0, pm.nativeThreads, "a pure Java program has no native threads: " + pm.nativeByComm);
    }

    // ---- healthy programs stay quiet

    @Test
    void healthyProgramsHaveNoFindingAtAll() throws Exception {
        for (String r : List.of("small-agent", "small-plain", "nested-fixed", "leak-fixed", "limit-fixed", "native-fixed",
                "reject-fixed", "churn-fixed")) {
            assertEquals(List.of(), Reports.analyse(Recordings.get(r)).findings, r);
        }
    }
}
