package dev.threadguard.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

/** docs/events.md and docs/agent.md must name every event, field and option the code has. */
class DocsTest {
    private static String doc(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", name));
    }

    @Test
    void eventsDocListsEveryEventAndField() throws IOException {
        String doc = doc("events.md");
        for (Class<? extends jdk.jfr.Event> c : SchemaTest.EVENTS) {
            EventType type = EventType.getEventType(c);
            int at = doc.indexOf("## " + type.getName() + "\n");
            assertTrue(at >= 0, "docs/events.md has no section for " + type.getName());
            int end = doc.indexOf("\n## ", at + 1);
            String section = doc.substring(at, end < 0 ? doc.length() : end);
            for (ValueDescriptor v : type.getFields()) {
                if (v.getName().equals("startTime") || v.getName().equals("duration")
                    || v.getName().equals("eventThread") || v.getName().equals("stackTrace")) {
                    continue;
                }
                assertTrue(section.contains("`" + v.getName() + "`"), type.getName() + "." + v.getName() + " is not in docs/events.md");
            }
        }
    }

    @Test
    void eventsDocDescribesEveryPoolKind() throws IOException {
        String doc = doc("events.md");
        int at = doc.indexOf("## Pool kinds\n");
        assertTrue(at >= 0, "docs/events.md has no section Pool kinds");
        String section = doc.substring(at, doc.indexOf("\n## ", at + 1));
        for (dev.threadguard.events.kinds.PoolKind k : dev.threadguard.events.kinds.PoolKinds.ALL) {
            assertTrue(section.contains("| `" + k.id() + "` |"), "docs/events.md does not describe pool kind " + k.id());
        }
    }

    @Test
    void agentDocListsEveryOption() throws IOException {
        String doc = doc("agent.md");
        for (AgentOptions.Option o : AgentOptions.TABLE) {
            assertTrue(doc.contains("| `" + o.key + "` |"), "docs/agent.md lacks option " + o.key);
            if (!o.defaultValue.isEmpty()) {
                assertTrue(doc.contains("`" + o.defaultValue + "`"), "docs/agent.md lacks the default of " + o.key);
            }
        }
    }
}
