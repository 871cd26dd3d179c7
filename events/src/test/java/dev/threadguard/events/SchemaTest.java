package dev.threadguard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

class SchemaTest {

    static final List<Class<? extends jdk.jfr.Event>> EVENTS = List.of(
        PoolCreated.class, PoolConfigChanged.class, PoolShutdown.class, PoolSample.class, TaskRejected.class,
        ThreadStarted.class, ThreadStartFailed.class, WorkerExited.class, NestedPoolUse.class, PoolsEndedUnused.class,
        ProcessThreads.class, OsThreadsSeen.class, NativeThreads.class, Host.class,
        CodeSource.class);

    @Test
    void everyEventIsNamedInSchemaAndCategorised() throws Exception {
        Set<String> names = new HashSet<>();
        for (Field f : Schema.class.getFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                String v = (String) f.get(null);
                if (v.startsWith(Schema.PREFIX) && !v.equals(Schema.PREFIX)) {
                    names.add(v);
                }
            }
        }
        for (Class<? extends jdk.jfr.Event> c : EVENTS) {
            EventType type = EventType.getEventType(c);
            assertTrue(names.remove(type.getName()), "not in Schema: " + type.getName());
            assertEquals(List.of(Schema.CATEGORY), type.getCategoryNames());
            assertNotNull(type.getLabel(), type.getName());
            assertNotNull(type.getDescription(), type.getName());
        }
        assertTrue(names.isEmpty(), "Schema names without an event class: " + names);
    }

    @Test
    void everyFieldConstantNamesAFieldOfSomeEvent() throws Exception {
        Set<String> fields = new HashSet<>();
        for (Class<? extends jdk.jfr.Event> c : EVENTS) {
            for (ValueDescriptor v : EventType.getEventType(c).getFields()) {
                fields.add(v.getName());
                assertNotNull(v.getLabel(), c.getSimpleName() + "." + v.getName() + " has no label");
            }
        }
        for (Field f : Schema.class.getFields()) {
            if (f.getType() != String.class || f.getName().startsWith("KIND_") || f.getName().startsWith("PHASE_")) {
                continue;
            }
            String v = (String) f.get(null);
            if (v.startsWith(Schema.PREFIX) || v.equals(Schema.CATEGORY) || v.equals(Schema.PREFIX)) {
                continue;
            }
            assertTrue(fields.contains(v), "Schema." + f.getName() + " = '" + v + "' is no event field");
        }
    }

    /** JDK events label every event and field in Title Case ("Peak Busy"); JMC shows labels as column heads. */
    @Test
    void everyLabelIsTitleCase() {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Z0-9][A-Za-z0-9]*|of|and|per");
        for (Class<? extends jdk.jfr.Event> c : EVENTS) {
            EventType type = EventType.getEventType(c);
            List<String> labels = new java.util.ArrayList<>(List.of(type.getLabel()));
            for (ValueDescriptor v : type.getFields()) {
                labels.add(v.getLabel());
            }
            for (String label : labels) {
                for (String w : label.split(" ")) {
                    assertTrue(word.matcher(w).matches(), type.getName() + ": label '" + label + "' is not Title Case");
                }
            }
        }
    }

    /** Events written away from where they happened: same name and fields, no stack trace. */
    @Test
    void detachedVariantsMatchTheirEventButCarryNoStack() {
        List<List<Class<? extends jdk.jfr.Event>>> pairs = List.of(
            List.of(PoolCreated.class, PoolCreated.Detached.class), List.of(PoolShutdown.class, PoolShutdown.Detached.class),
            List.of(TaskRejected.class, TaskRejected.Detached.class), List.of(NestedPoolUse.class, NestedPoolUse.Detached.class));
        for (List<Class<? extends jdk.jfr.Event>> p : pairs) {
            EventType live = EventType.getEventType(p.get(0));
            EventType detached = EventType.getEventType(p.get(1));
            assertEquals(live.getName(), detached.getName());
            assertEquals(live.getLabel(), detached.getLabel());
            assertEquals(names(live), names(detached));
            // a pool's one event with a stack is its creation: PoolShutdown has none by default either
            assertEquals(p.get(0) == PoolShutdown.class ? "false" : "true", stackTraceDefault(live), live.getName());
            assertEquals("false", stackTraceDefault(detached), live.getName());
        }
    }

    private static String stackTraceDefault(EventType t) {
        return t.getSettingDescriptors().stream().filter(d -> d.getName().equals("stackTrace")).findFirst()
            .orElseThrow().getDefaultValue();
    }

    private static List<String> names(EventType t) {
        List<String> n = new java.util.ArrayList<>();
        for (ValueDescriptor v : t.getFields()) {
            n.add(v.getName() + ":" + v.getTypeName());
        }
        return n;
    }
}
