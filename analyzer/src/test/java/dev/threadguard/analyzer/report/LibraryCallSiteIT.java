package dev.threadguard.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.programs.real.HazelcastMemberProgram;
import dev.threadguard.analyzer.real.RealLibrariesIT;
import dev.threadguard.analyzer.real.RealRecordings;
import dev.threadguard.analyzer.rules.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A finding at a library's own line (SARIF, JSON's source, markdown) points at the application's call into
 * the library, the line a user can change, read from a real Hazelcast 5.3 member's recording.
 */
class LibraryCallSiteIT {

    @Test
    void hazelcastPoolsFoundAtTheApplicationsCallIntoHazelcast() throws Exception {
        Model model = ModelBuilder.build(List.of(RealRecordings.recording("hazelcast")));
        int appLine = RealLibrariesIT.lineOf(HazelcastMemberProgram.class, "HAZELCAST-START");
        List<PoolStats> library = model.pools().stream()
            .filter(p -> p.creationSite.startsWith("com.hazelcast.") && "main".equals(p.creatorThread))
            .toList();
        assertTrue(library.size() >= 3, "pools Hazelcast made on the application's thread: " + library.size());
        for (PoolStats p : library) {
            Finding f = new Finding.Builder("pool-sized-to-cores").location(p.creationSite).build();
            SourceLocation at = ReportView.applicationCall(f, List.of(new PoolRow(0, p.name, p.creationSite, p.kind,
                List.of(p)))).orElseThrow(() -> new AssertionError("no application call for " + p.creationSite
                    + " in " + p.creationFrames));
            assertEquals(HazelcastMemberProgram.class.getName(), at.className(), p.creationSite);
            assertEquals(appLine, at.line(), p.creationSite);
        }
    }

    @Test
    void aFindingElsewhereKeepsItsOwnLine() throws Exception {
        Model model = ModelBuilder.build(List.of(RealRecordings.recording("hazelcast")));
        PoolStats p = model.pools().stream().filter(x -> x.creationSite.startsWith("com.hazelcast.")).findFirst()
            .orElseThrow();
        Finding elsewhere = new Finding.Builder("pool-sized-to-cores").location("app.Main.main(Main.java:3)").build();
        assertTrue(ReportView.applicationCall(elsewhere, List.of(new PoolRow(0, p.name, p.creationSite, p.kind,
            List.of(p)))).isEmpty(), "only a finding at the library pool's own line moves to the application's call");
    }
}
