package dev.threadguard.analyzer.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.support.Child;
import dev.threadguard.analyzer.support.Recordings;
import dev.threadguard.analyzer.support.Reports;
import dev.threadguard.events.Schema;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The by-position fast path and the by-name getters build the same model. */
class FastFieldsIT {
    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void fastPathIsActiveInTheTests() {
        assertTrue(JfrEventView.fastFields(), "surefire opens jdk.jfr/jdk.jfr.consumer, as the jar's manifest does");
    }

    @Test
    void slowPathGivesTheSameReport() throws Exception {
        for (String name : List.of("sized-broken", "nested-broken")) {
            String file = Recordings.first(name).toString();
            String fast = Reports.cli("report", "--format", "json", file).out();
            // the analyzer, picocli, the events and (since the rules module) the model and rules
            String cp = location(Main.class) + File.pathSeparator + location(CommandLine.class) + File.pathSeparator
                    + location(Schema.class) + File.pathSeparator + location(dev.threadguard.analyzer.model.Model.class);
            String slow = Child.run("slow-" + name, List.of(Child.java(), "-Dthreadguard.slowFields=true", "-cp", cp,
                    Main.class.getName(), "report", "--format", "json", file));
            assertEquals(fast.strip(), slow.strip(), name);
        }
    }
}
