package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.programs.real.HikariProgram;
import dev.threadguard.analyzer.programs.real.OkHttpProgram;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Client libraries nobody here wrote, recorded by the real agent (RealRecordings), each used as documented and
 * in its classic misuse: OkHttp 5 (one shared client; a client per call) and HikariCP 6 on H2 (one data source;
 * a data source per query). Used as documented they are quiet; the misuse is one pool-leak, fixed at the
 * application's call with the library's own advice.
 */
class ClientLibrariesIT {

    private static List<Finding> all(String program) throws Exception {
        return Reports.analyse(List.of(RealRecordings.recording(program))).findings;
    }

    private static List<Finding> alarms(String program) throws Exception {
        return all(program).stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    @Test
    void oneSharedOkHttpClientUnderPacedAsyncCallsIsQuiet() throws Exception {
        assertEquals(List.of(), alarms("okhttp"), "the dispatcher's cached pool holds a thread per call in flight");
    }

    @Test
    void anOkHttpClientPerCallIsOnePoolLeakAtTheAppsCallWithOkHttpsAdvice() throws Exception {
        String call = "OkHttpProgram.java:" + RealLibrariesIT.lineOf(OkHttpProgram.class, "OKHTTP-ENQUEUE") + ")";
        List<Finding> f = all("okhttp-per-request").stream().filter(x -> x.rule().equals("pool-leak")).toList();
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).evidence().get("created").intValue() >= 12, f.get(0).evidence().toString());
        assertTrue(f.get(0).location().endsWith(call), "at the app's call: " + f.get(0).location());
        String fix = f.get(0).recommendation();
        assertTrue(fix.contains("inside OkHttp by your call at") && fix.contains(call), fix);
        assertTrue(fix.contains("share one OkHttpClient") && fix.contains("do not edit OkHttp"), fix);
    }

    @Test
    void oneHikariDataSourceUnderSixteenCallersIsQuiet() throws Exception {
        // 16 callers on 10 connections: the connection adder's queue overflows while connections are being made,
        // and HikariCP's own discard policy drops the surplus requests by design
        assertEquals(List.of(), alarms("hikari"));
    }

    @Test
    void aHikariDataSourcePerQueryIsOneFindingForItsFourExecutorsAtTheAppsCall() throws Exception {
        String call = "HikariProgram.java:" + RealLibrariesIT.lineOf(HikariProgram.class, "HIKARI-NEW") + ")";
        List<Finding> f = all("hikari-per-request").stream().filter(x -> x.rule().equals("pool-leak")).toList();
        assertEquals(1, f.size(), "one cause, one finding: " + f);
        assertTrue(f.get(0).evidence().get("created").intValue() >= 24 * 3, "3 to 4 executors per data source: "
                + f.get(0).evidence());
        assertTrue(f.get(0).location().endsWith(call), "at the app's call: " + f.get(0).location());
        String fix = f.get(0).recommendation();
        assertTrue(fix.contains("inside HikariCP by your call at") && fix.contains("one HikariDataSource per database")
                && fix.contains("do not edit HikariCP"), fix);
    }
}
