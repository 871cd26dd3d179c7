package dev.threadguard.jmc;

import dev.threadguard.analyzer.collect.EventView;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.KindOfQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * {@link EventView} over JMC's {@code IItem}: the same collectors that read {@code RecordedEvent}s read
 * JMC's item collections. Field values are JMC quantities; they are handed out in the units the JDK's
 * reader uses (timespans in nanoseconds, percentages as fractions, memory in bytes). One instance per
 * event type, reused for each of its items.
 */
final class ItemEventView implements EventView {
    private final IType<IItem> type;
    private final Map<String, IMemberAccessor<?, IItem>> accessors = new HashMap<>();
    private IItem item;

    ItemEventView(IType<IItem> type) {
        this.type = type;
        for (IAccessorKey<?> key : type.getAccessorKeys().keySet()) {
            accessors.put(key.getIdentifier(), type.getAccessor(key));
        }
        // JMC's parser shows some JDK events' own thread field as the event thread (jdk.ThreadAllocationStatistics)
        if (!accessors.containsKey("thread") && accessors.containsKey(EVENT_THREAD)
                && THREAD_AS_EVENT_THREAD.contains(type.getIdentifier())) {
            accessors.put("thread", accessors.get(EVENT_THREAD));
        }
    }

    private static final java.util.Set<String> THREAD_AS_EVENT_THREAD = java.util.Set.of("jdk.ThreadAllocationStatistics");

    ItemEventView set(IItem i) {
        item = i;
        return this;
    }

    private Object value(String field) {
        IMemberAccessor<?, IItem> a = accessors.get(field);
        if (a == null) {
            throw new IllegalArgumentException("no field " + field + " in " + type.getIdentifier());
        }
        return a.getMember(item);
    }

    @Override
    public String type() {
        return type.getIdentifier();
    }

    @Override
    public Instant startTime() {
        IQuantity q = (IQuantity) value("startTime");
        long ns = q.clampedLongValueIn(UnitLookup.EPOCH_NS);
        return Instant.ofEpochSecond(0, ns);
    }

    @Override
    public boolean has(String field) {
        return accessors.containsKey(field);
    }

    @Override
    public long getLong(String field) {
        Object v = value(field);
        if (v instanceof IQuantity q) {
            KindOfQuantity<?> kind = q.getUnit().getContentType();
            if (kind == UnitLookup.TIMESPAN) {
                return q.clampedLongValueIn(UnitLookup.NANOSECOND);
            }
            if (kind == UnitLookup.TIMESTAMP) {
                return q.clampedLongValueIn(UnitLookup.EPOCH_MS);
            }
            if (kind == UnitLookup.MEMORY) {
                return q.clampedLongValueIn(UnitLookup.BYTE);
            }
            return q.longValue();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            return Long.parseLong(s.trim()); // JMC reads jdk.JVMInformation's pid as text
        }
        throw new IllegalArgumentException(field + " of " + type.getIdentifier() + " is no number: " + v);
    }

    @Override
    public double getDouble(String field) {
        Object v = value(field);
        if (v instanceof IQuantity q) {
            return q.getUnit().getContentType() == UnitLookup.PERCENTAGE ? q.doubleValueIn(UnitLookup.PERCENT_UNITY)
                    : q.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(field + " of " + type.getIdentifier() + " is no number: " + v);
    }

    @Override
    public boolean getBoolean(String field) {
        return Boolean.TRUE.equals(value(field));
    }

    @Override
    public String getString(String field) {
        Object v = value(field);
        return v == null ? null : v.toString();
    }

    @Override
    public String threadName(String field) {
        return value(field) instanceof IMCThread t ? t.getThreadName() : null;
    }

    @Override
    public long threadOsId(String field) {
        return value(field) instanceof IMCThread t ? OsThreadId.of(t) : -1;
    }

    @Override
    public List<Frame> stack() {
        if (!(accessors.containsKey("stackTrace") && value("stackTrace") instanceof IMCStackTrace st)) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        for (IMCFrame f : st.getFrames()) {
            Integer line = f.getFrameLineNumber();
            out.add(new Frame(f.getMethod().getType().getFullName(), f.getMethod().getMethodName(),
                    line == null ? -1 : line, f.getType() != IMCFrame.Type.NATIVE));
        }
        return out;
    }

    /**
     * JMC's thread keeps the OS thread id the recording has but does not expose it: read its field. Without
     * it the analyzer cannot tell which OS threads are Java threads, so the native thread count needs it.
     */
    static final class OsThreadId {
        private OsThreadId() {}

        private static final Map<Class<?>, Field> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

        static long of(IMCThread t) {
            try {
                Field f = FIELDS.computeIfAbsent(t.getClass(), c -> {
                    try {
                        Field x = c.getDeclaredField("osThreadId");
                        x.setAccessible(true);
                        return x;
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                });
                Object v = f == null ? null : f.get(t);
                return v instanceof IQuantity q ? q.longValue() : v instanceof Number n ? n.longValue() : -1;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return -1;
            }
        }
    }
}
