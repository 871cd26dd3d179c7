package dev.threadguard.analyzer.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The analyzer on recordings the real agent made (src/test/golden): its findings must be the stored
 * baseline, number for number. A change here is either a regression or an intended change of a rule;
 * for the latter, write the new baseline with {@code analyzer/regenerate-goldens.sh --baseline-only} and
 * commit it with the change, so the diff shows what changed.
 */
class GoldenRecordingsTest {
    private static final String HOW = "\nIf the change is intended: " + Baseline.REGENERATE + " --baseline-only"
            + " (after an agent or schema change: " + Baseline.REGENERATE + ", which records them again)";

    private static JsonNode baseline() throws Exception {
        return Baseline.JSON.readTree(Files.readString(Baseline.DIR.resolve(Baseline.FILE)));
    }

    @Test
    void everyRecordingHasABaselineAndEveryBaselineARecording() throws Exception {
        Set<String> stored = new TreeSet<>();
        for (Path gz : Baseline.recordings(Baseline.DIR)) {
            stored.add(Baseline.name(gz));
        }
        Set<String> expected = new TreeSet<>();
        baseline().fieldNames().forEachRemaining(expected::add);
        assertEquals(expected, stored, "recordings vs " + Baseline.FILE + HOW);
        Set<String> made = new TreeSet<>();
        GoldenRecorder.SPECS.forEach(s -> made.add(s.name()));
        assertEquals(made, stored, "recordings vs GoldenRecorder.SPECS");
    }

    @Test
    void goldensStaySmall() throws Exception {
        long bytes = 0;
        for (Path gz : Baseline.recordings(Baseline.DIR)) {
            bytes += Files.size(gz);
        }
        assertTrue(bytes < 1024 * 1024, "golden recordings take " + bytes / 1024 + " KB: keep the programs short");
    }

    @TestFactory
    Stream<DynamicTest> findingsAreTheBaseline() throws Exception {
        JsonNode baseline = baseline();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path gz : Baseline.recordings(Baseline.DIR)) {
            String name = Baseline.name(gz);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                JsonNode actual = Baseline.findings(Baseline.unpacked(gz));
                JsonNode expected = baseline.path(name);
                assertEquals(Baseline.text(expected), Baseline.text(actual), name + ": findings changed." + HOW);
            }));
        }
        return tests.stream();
    }

    @Test
    void eachGoldenShowsTheRulesItIsMadeFor() throws Exception {
        JsonNode baseline = baseline();
        for (GoldenRecorder.Spec s : GoldenRecorder.SPECS) {
            Set<String> found = new TreeSet<>();
            baseline.path(s.name()).forEach(f -> found.add(f.path("rule").asText()));
            assertTrue(s.accepts(found), s.name() + ": baseline has " + found + ", the program is made to show " + s.rules());
        }
    }
}
