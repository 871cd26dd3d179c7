package dev.threadguard.analyzer.collect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * {@link EventView} over the JDK's {@code RecordedEvent}; one instance is reused for every event of a
 * stream. Reads fields by position where it can: {@code RecordedObject} looks each name up in its field
 * list, which costs more than parsing the event. That needs {@code --add-opens
 * jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED} (the jar's manifest has Add-Opens); without it, with
 * {@code -Dthreadguard.slowFields=true}, or if the JDK's internals differ, the JDK's getters are used.
 */
public final class JfrEventView implements EventView {
    private static final VarHandle OBJECTS = find();
    /** Per event type: field name -> position in the value array; absent when the layout is not understood. */
    private final Map<EventType, Map<String, Integer>> layouts = new IdentityHashMap<>();
    private RecordedEvent event;
    private EventType type;
    private Map<String, Integer> layout;
    private Object[] raw;
    private Instant start;

    private static VarHandle find() {
        if (Boolean.getBoolean("threadguard.slowFields")) {
            return null;
        }
        try {
            return MethodHandles.privateLookupIn(RecordedObject.class, MethodHandles.lookup())
                    .findVarHandle(RecordedObject.class, "objects", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not opened, or the JDK's internals changed: use the getters
        }
    }

    /** True when fields are read by position. */
    public static boolean fastFields() {
        return OBJECTS != null;
    }

    public JfrEventView set(RecordedEvent e) {
        event = e;
        start = null;
        EventType t = e.getEventType();
        if (t != type) {
            type = t;
            layout = layouts.computeIfAbsent(t, JfrEventView::layout);
        }
        raw = null;
        if (OBJECTS != null && !layout.isEmpty()) {
            Object[] r = (Object[]) OBJECTS.get((RecordedObject) e);
            if (r != null && r.length + layout.get("") == t.getFields().size()) {
                raw = r;
            }
        }
        return this;
    }

    /** The value array's layout: the event keeps startTime and duration outside it. Key "" holds the offset. */
    private static Map<String, Integer> layout(EventType t) {
        if (OBJECTS == null) {
            return Map.of();
        }
        List<ValueDescriptor> fields = t.getFields();
        int offset = fields.size() >= 2 && fields.get(0).getName().equals("startTime")
                && fields.get(1).getName().equals("duration") ? 2 : 0;
        Map<String, Integer> m = new HashMap<>();
        for (int j = offset; j < fields.size(); j++) {
            m.put(fields.get(j).getName(), j - offset);
        }
        m.put("", offset);
        return m;
    }

    private Object raw(String field) {
        if (raw == null) {
            return null;
        }
        Integer i = layout.get(field);
        return i == null || field.isEmpty() ? null : raw[i];
    }

    @Override
    public String type() {
        return type.getName();
    }

    @Override
    public Instant startTime() {
        if (start == null) {
            start = event.getStartTime();
        }
        return start;
    }

    @Override
    public boolean has(String field) {
        return raw != null ? layout.containsKey(field) && !field.isEmpty() : event.hasField(field);
    }

    @Override
    public long getLong(String field) {
        return raw(field) instanceof Number n && !(n instanceof Float || n instanceof Double) ? n.longValue()
                : event.getLong(field);
    }

    @Override
    public int getInt(String field) {
        return raw(field) instanceof Integer n ? n : (int) getLong(field);
    }

    @Override
    public double getDouble(String field) {
        return raw(field) instanceof Number n ? n.doubleValue() : event.getDouble(field);
    }

    @Override
    public boolean getBoolean(String field) {
        return raw(field) instanceof Boolean b ? b : event.getBoolean(field);
    }

    @Override
    public String getString(String field) {
        return raw(field) instanceof String s ? s : event.getString(field);
    }

    private RecordedThread thread(String field) {
        return raw(field) instanceof RecordedThread t ? t : event.getThread(field);
    }

    @Override
    public String threadName(String field) {
        RecordedThread t = thread(field);
        return t == null ? null : t.getJavaName();
    }

    @Override
    public long threadOsId(String field) {
        RecordedThread t = thread(field);
        return t == null ? -1 : t.getOSThreadId();
    }

    @Override
    public List<Frame> stack() {
        RecordedStackTrace st = event.getStackTrace();
        if (st == null) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        for (RecordedFrame f : st.getFrames()) {
            out.add(new Frame(f.getMethod().getType().getName(), f.getMethod().getName(), f.getLineNumber(),
                    f.isJavaFrame()));
        }
        return out;
    }
}
