package dev.threadguard.analyzer.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

/**
 * Reads several fields of a high-volume event by position instead of by name: {@code RecordedObject}
 * looks every name up in its field list, which costs more than parsing the event. Needs
 * {@code --add-opens jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED} (the jar's manifest has Add-Opens); without it,
 * or if the JDK's internals differ, {@link #values} returns null and callers use the getters.
 */
public final class FastFields {
    private static final VarHandle OBJECTS = find();
    private final String[] names;
    private EventType lastType;
    private int[] lastIndex;
    private int lastOffset;

    public FastFields(String... names) {
        this.names = names.clone();
    }

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

    public static boolean available() {
        return OBJECTS != null;
    }

    /**
     * The values of the event in the order of the names given to the constructor (null for a missing
     * field), or null when the fast path is not available.
     */
    public Object[] values(RecordedEvent e, Object[] into) {
        if (OBJECTS == null) {
            return null;
        }
        EventType t = e.getEventType();
        Object[] raw = (Object[]) OBJECTS.get((RecordedObject) e);
        if (raw == null) {
            return null;
        }
        if (t != lastType) {
            // the event keeps startTime and duration outside its value array: the values start after them
            List<ValueDescriptor> fields = t.getFields();
            int offset = fields.size() - raw.length;
            if (offset != 0 && !(offset == 2 && fields.get(0).getName().equals("startTime")
                    && fields.get(1).getName().equals("duration"))) {
                return null;
            }
            lastIndex = index(t, offset);
            lastOffset = offset;
            lastType = t;
        }
        if (raw.length + lastOffset != t.getFields().size()) {
            return null;
        }
        for (int i = 0; i < names.length; i++) {
            into[i] = lastIndex[i] < 0 ? null : raw[lastIndex[i]];
        }
        return into;
    }

    private int[] index(EventType t, int offset) {
        List<ValueDescriptor> fields = t.getFields();
        int[] ix = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ix[i] = -1;
            for (int j = offset; j < fields.size(); j++) {
                if (fields.get(j).getName().equals(names[i])) {
                    ix[i] = j - offset;
                    break;
                }
            }
        }
        return ix;
    }

    public static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    public static int asInt(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
