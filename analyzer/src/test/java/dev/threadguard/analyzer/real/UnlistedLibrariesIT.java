package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.programs.real.HttpAsyncClientProgram;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Reports;
import dev.threadguard.events.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * A library the knob table does not list, recorded by the real agent (RealRecordings): Apache HttpClient 5.1's
 * async client, whose I/O reactor starts a dispatcher thread per processor. Its findings point at the
 * application's call into it and tell the library's own configuration, never a line of the library.
 */
class UnlistedLibrariesIT {

    private static List<Finding> all(String program) throws Exception {
        return Reports.analyse(List.of(RealRecordings.recording(program))).findings;
    }

    private static String call(String marker) throws Exception {
        return "HttpAsyncClientProgram.java:" + RealLibrariesIT.lineOf(HttpAsyncClientProgram.class, marker) + ")";
    }

    /** Names the library and its configuration at the app's call; no library line is given as the place to edit. */
    private static void fixedAtTheAppsCall(Finding f, String call) {
        assertTrue(f.location().startsWith(HttpAsyncClientProgram.class.getName() + ".") && f.location().endsWith(call),
                "at the app's call: " + f.location());
        String fix = f.recommendation();
        assertTrue(fix.contains("by your call at " + HttpAsyncClientProgram.class.getName()) && fix.contains(call), fix);
        // named by the jar the agent saw the client's classes come from (CodeSource), the one the application called
        assertTrue(fix.contains("inside httpclient5 5.1.3") && fix.contains("do not edit httpclient5 5.1.3"), fix);
        assertTrue(fix.contains("own configuration") && fix.contains("knob table has no knob for"), fix);
        assertFalse(fix.matches("(?s).*(at|:) org\\.apache\\.hc\\.[\\w.$]+\\([\\w]+\\.java:\\d+\\)$"), fix);
    }

    @Test
    void theAgentRecordsWhereTheStacksPackagesCameFrom() throws Exception {
        Map<String, String> located = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(RealRecordings.recording("httpclient5"))) {
            if (e.getEventType().getName().equals(Schema.CODE_SOURCE)) {
                located.put(e.getString(Schema.PACKAGE_NAME), e.getString(Schema.LOCATION));
            }
        }
        assertTrue(located.getOrDefault("org.apache.hc.core5.reactor", "").endsWith("/httpcore5-5.1.3.jar"), located.toString());
        assertTrue(located.getOrDefault("org.apache.hc.client5.http.impl.async", "").endsWith("/httpclient5-5.1.3.jar"),
                located.toString());
        String app = located.getOrDefault(HttpAsyncClientProgram.class.getPackageName(), "");
        assertTrue(app.startsWith("file:") && app.endsWith("/test-classes/"), "the application's directory: " + located);
        assertTrue(located.keySet().stream().noneMatch(p -> p.startsWith("java.") || p.startsWith("dev.threadguard.bootstrap")),
                "no JDK or agent package: " + located.keySet());
    }

    @Test
    void oneSharedClientUnderPacedCallsIsQuiet() throws Exception {
        assertEquals(List.of(), all("httpclient5").stream().filter(f -> f.severity() != Severity.INFO).toList());
    }

    @Test
    void aClientPerCallIsOnePoolLeakAtTheAppsCallWithTheLibrarysConfiguration() throws Exception {
        List<Finding> f = all("httpclient5-per-request").stream().filter(x -> x.rule().equals("pool-leak")).toList();
        assertEquals(1, f.size(), "one cause, one finding: " + f);
        assertTrue(f.get(0).evidence().get("created").intValue() >= 10, f.get(0).evidence().toString());
        fixedAtTheAppsCall(f.get(0), call("HC-PER-REQUEST"));
    }

    @Test
    void itsDispatchersSizedToSixtyFourProcessorsAreToldAtTheAppsCall() throws Exception {
        List<Finding> f = all("httpclient5-64").stream().filter(x -> x.rule().equals("pool-sized-to-cores")).toList();
        assertEquals(1, f.size(), "the reactor's 64 dispatcher threads: " + f);
        assertEquals(64, f.get(0).evidence().get("configuredSize").intValue(), f.get(0).evidence().toString());
        fixedAtTheAppsCall(f.get(0), call("HC-SHARED"));
    }
}
