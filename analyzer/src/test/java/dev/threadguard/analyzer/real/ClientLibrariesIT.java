package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.programs.real.HikariProgram;
import dev.threadguard.analyzer.programs.real.OkHttpProgram;
import dev.threadguard.analyzer.programs.real.QuartzProgram;
import dev.threadguard.analyzer.programs.real.VertxProgram;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Libraries nobody here wrote, recorded by the real agent (RealRecordings), each used as documented and in its
 * classic misuse: OkHttp 5 (one shared client; a client per call), HikariCP 6 on H2 (one data source; a data
 * source per query), Vert.x 4 (one Vertx; a Vertx per call), Pekko 1 actors (the default dispatcher at 2 and at
 * 64 processors), Quartz 2.5 (one scheduler; a scheduler per job). Used as documented they are quiet; a misuse is one pool-leak, fixed at the application's call
 * with the library's own advice; a pool sized to the processors is told in the threads it started.
 */
class ClientLibrariesIT {

    private static List<Finding> all(String program) throws Exception {
        return Reports.analyse(List.of(RealRecordings.recording(program))).findings;
    }

    private static List<Finding> alarms(String program) throws Exception {
        return all(program).stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    /** The one pool-leak of a program, located at its marked line, with the library's advice for that call. */
    private static Finding oneLeakAt(String program, Class<?> main, String marker, String library) throws Exception {
        String call = main.getSimpleName() + ".java:" + RealLibrariesIT.lineOf(main, marker) + ")";
        List<Finding> f = all(program).stream().filter(x -> x.rule().equals("pool-leak")).toList();
        assertEquals(1, f.size(), "one cause, one finding: " + f);
        assertTrue(f.get(0).location().endsWith(call), "at the app's call: " + f.get(0).location());
        String fix = f.get(0).recommendation();
        assertTrue(fix.contains("inside " + library + " by your call at") && fix.contains(call)
                && fix.contains("do not edit " + library), fix);
        return f.get(0);
    }

    @Test
    void oneSharedOkHttpClientUnderPacedAsyncCallsIsQuiet() throws Exception {
        assertEquals(List.of(), alarms("okhttp"), "the dispatcher's cached pool holds a thread per call in flight");
    }

    @Test
    void anOkHttpClientPerCallIsOnePoolLeakAtTheAppsCallWithOkHttpsAdvice() throws Exception {
        Finding f = oneLeakAt("okhttp-per-request", OkHttpProgram.class, "OKHTTP-ENQUEUE", "OkHttp");
        assertTrue(f.evidence().get("created").intValue() >= 12, f.evidence().toString());
        assertTrue(f.recommendation().contains("share one OkHttpClient"), f.recommendation());
    }

    @Test
    void oneHikariDataSourceUnderSixteenCallersIsQuiet() throws Exception {
        // 16 callers on 10 connections: the connection adder's queue overflows while connections are being made,
        // and HikariCP's own discard policy drops the surplus requests by design
        assertEquals(List.of(), alarms("hikari"));
    }

    @Test
    void aHikariDataSourcePerQueryIsOneFindingForItsFourExecutorsAtTheAppsCall() throws Exception {
        Finding f = oneLeakAt("hikari-per-request", HikariProgram.class, "HIKARI-NEW", "HikariCP");
        assertTrue(f.evidence().get("created").intValue() >= 24 * 3, "3 to 4 executors per data source: " + f.evidence());
        assertTrue(f.recommendation().contains("one HikariDataSource per database"), f.recommendation());
    }

    @Test
    void vertxWithItsDefaultsUnderPacedClientsIsQuiet() throws Exception {
        // 16 event loops at 8 processors (8 serving verticles), executeBlocking on the worker pool of 20
        assertEquals(List.of(), alarms("vertx"));
        assertTrue(all("vertx").stream().noneMatch(f -> f.location().startsWith("io.vertx")), all("vertx").toString());
    }

    @Test
    void aVertxPerCallIsOnePoolLeakAtTheAppsCall() throws Exception {
        // its event loops, its blocked-thread checker: made at several sites inside Vert.x for the one call
        Finding f = oneLeakAt("vertx-per-request", VertxProgram.class, "VERTX-PER-REQUEST", "Eclipse Vert.x");
        assertTrue(f.recommendation().contains("one Vertx per application"), f.recommendation());
    }

    @Test
    void pekkosDefaultDispatcherUnderPacedAsksIsQuietAtTwoProcessors() throws Exception {
        assertEquals(List.of(), alarms("pekko"), "8 dispatcher threads (parallelism-min) for light actors");
    }

    @Test
    void pekkosDispatcherAtSixtyFourProcessorsIsToldInTheThreadsItStarted() throws Exception {
        // parallelism 64, threads started on demand: whatever the rule says, its numbers are the threads it started
        var a = Reports.analyse(List.of(RealRecordings.recording("pekko-64")));
        assertTrue(a.model.processes.get(0).pools.values().stream().anyMatch(p -> p.width() == 64
                && p.creationSite.contains("ForkJoinExecutorConfigurator") && p.peakSize() < 64),
                "the default dispatcher: parallelism 64, fewer threads started");
        for (Finding f : a.findings) {
            if (!f.rule().equals("pool-sized-to-cores") || !f.location().startsWith("org.apache.pekko")) {
                continue;
            }
            int size = f.evidence().get("configuredSize").intValue();
            int created = f.evidence().get("threadsCreated").intValue();
            assertEquals(64, size, f.evidence().toString());
            assertEquals(Math.min(size, created) - f.evidence().get("peakBusy").intValue(),
                    f.evidence().get("idleWorkers").intValue(), f.evidence().toString());
            if (created < size) {
                assertTrue(f.message().contains("sized to 64 workers") && f.message().contains("it started " + created
                        + " threads") && !f.message().matches("(?s).*(has|have) 64.*"), f.message());
            }
            assertTrue(f.recommendation().contains("parallelism-max") && f.recommendation().contains("do not edit Apache Pekko"),
                    f.recommendation());
        }
    }

    @Test
    void oneQuartzSchedulerRunningFourJobsOnItsTenWorkersIsQuiet() throws Exception {
        assertEquals(List.of(), alarms("quartz"));
    }

    @Test
    void aQuartzSchedulerPerJobIsOneFindingForItsWorkersAndSchedulerThreadAtTheAppsCall() throws Exception {
        // before Quartz was in the knob table: two findings (SimpleThreadPool, DefaultThreadExecutor), each
        // fixed in Quartz's own code
        Finding f = oneLeakAt("quartz-per-request", QuartzProgram.class, "QUARTZ-PER-REQUEST", "Quartz Scheduler");
        assertTrue(f.evidence().get("threadsHeld").intValue() >= 24 * 10, f.evidence().toString());
        assertTrue(f.recommendation().contains("one Scheduler per application"), f.recommendation());
    }
}
