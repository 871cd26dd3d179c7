package dev.threadguard.analyzer.collect;

import java.time.Instant;
import java.util.List;

/**
 * One event as the collectors see it: its type, start time and fields by name. The whole surface the
 * collectors need, kept small so it has one implementation per event source: {@link JfrEventView} over
 * the JDK's {@code RecordedEvent}, and one over JMC's {@code IItem} in the JMC rules module.
 *
 * <p>Field getters follow the JDK's {@code RecordedObject}: a field the event does not have is an
 * {@link IllegalArgumentException} (check {@link #has} for fields newer than some recordings), and a
 * view is only valid until the next event is handed to the collectors (sources reuse one instance).
 */
public interface EventView {
    /** Field name of the thread that wrote the event (the JDK's {@code eventThread}). */
    String EVENT_THREAD = "eventThread";

    /** The event type's name, e.g. {@code threadguard.PoolSample} or {@code jdk.ThreadStart}. */
    String type();

    Instant startTime();

    boolean has(String field);

    /** An integral or timespan (nanoseconds) field. */
    long getLong(String field);

    default int getInt(String field) {
        return (int) getLong(field);
    }

    double getDouble(String field);

    boolean getBoolean(String field);

    /** A string field; null when the event carries none. */
    String getString(String field);

    /** The Java name of the thread in a thread-valued field; null when none. */
    String threadName(String field);

    /** The OS thread id of the thread in a thread-valued field; 0 or less when unknown. */
    long threadOsId(String field);

    /** The event's stack trace, top frame first; empty when it has none. */
    List<Frame> stack();

    /** One stack frame: declaring class (binary name), method, line (0 or less unknown), Java or native. */
    record Frame(String type, String method, int line, boolean java) {}
}
