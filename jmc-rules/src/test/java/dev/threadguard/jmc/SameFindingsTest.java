package dev.threadguard.jmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * The analyzer's collectors reading JMC's items build the model the JDK's reader builds: on every golden
 * recording of the real agent, the rules find the same findings, number for number.
 */
class SameFindingsTest {
    static final Path GOLDEN = Path.of(System.getProperty("threadguard.golden.dir", "../analyzer/src/test/golden"));

    static List<Path> goldens() throws IOException {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jfr.gz")).sorted().toList();
            assertTrue(!all.isEmpty(), "no golden recordings in " + GOLDEN.toAbsolutePath());
            return all;
        }
    }

    static Path unpacked(Path gz) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "golden"));
        Path jfr = dir.resolve(gz.getFileName().toString().replace(".gz", ""));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, jfr, StandardCopyOption.REPLACE_EXISTING);
        }
        return jfr;
    }

    private static List<String> findings(Model m) {
        List<String> out = new ArrayList<>();
        for (Finding f : Rules.run(m, Rules.all(), Thresholds.defaults(Rules.all())).findings()) {
            out.add(f.rule() + " " + f.severity() + " " + f.evidence() + " at " + f.location() + "\n  " + f.message()
                    + "\n  fix: " + f.recommendation());
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> jmcItemsGiveTheFindingsOfTheJdkReader() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path gz : goldens()) {
            tests.add(DynamicTest.dynamicTest(gz.getFileName().toString(), () -> {
                Path jfr = unpacked(gz);
                IItemCollection items = JfrLoaderToolkit.loadEvents(new File(jfr.toString()));
                Model jmc = ItemModel.build(items);
                Model jdk = ModelBuilder.build(List.of(jfr));
                assertEquals(List.of(), jmc.warnings, "events the JMC view could not read");
                assertEquals(jdk.processes.get(0).eventCounts, jmc.processes.get(0).eventCounts, "events per type");
                assertEquals(findings(jdk), findings(jmc));
            }));
        }
        return tests.stream();
    }
}
