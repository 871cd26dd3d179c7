package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two libraries the rules were not written against, recorded by the real agent, both healthy: kotlinx.coroutines'
 * shared scheduler (Dispatchers.Default and Dispatchers.IO are one family of threads) with 200 calls parked on
 * Dispatchers.IO, and a gRPC Java server with its defaults under paced clients. Where Dispatchers.Default
 * oversubscribes the CPUs, the fix names kotlinx's own property (LibraryKnobsTest, from this recording's stack).
 */
class CoroutinesAndGrpcIT {

    private static List<Finding> alarms(String program) throws Exception {
        return Reports.analyse(List.of(RealRecordings.recording(program))).findings.stream()
                .filter(f -> f.severity() != Severity.INFO).toList();
    }

    @Test
    void blockedCallsOnDispatchersIoAndCpuWorkThatFitsAreQuiet() throws Exception {
        assertEquals(List.of(), alarms("coroutines"), "200 threads parked in Dispatchers.IO want no CPU");
    }

    @Test
    void aGrpcServerWithItsDefaultsUnderPacedClientsIsQuiet() throws Exception {
        assertEquals(List.of(), alarms("grpc"));
    }
}
