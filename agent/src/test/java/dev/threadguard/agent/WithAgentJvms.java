package dev.threadguard.agent;

import dev.threadguard.events.Schema;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;

/** What the child-JVM tests of the packaged agent share: a directory per test and the JDKs to run on. */
abstract class WithAgentJvms {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    static long id(RecordedEvent e) {
        return e.getLong(Schema.POOL_ID);
    }
}
