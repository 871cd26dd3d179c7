package dev.threadguard.analyzer.model;

import java.util.Arrays;

/** A small open-addressing set of longs (no boxing), with a hard capacity so memory stays bounded. */
public final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private final int maxSize;
    private long[] table = new long[64];
    private int size;
    private boolean overflowed;

    public LongSet(int maxSize) {
        this.maxSize = maxSize;
        Arrays.fill(table, EMPTY);
    }

    public boolean add(long v) {
        if (v == EMPTY) {
            return false;
        }
        if (size >= maxSize) {
            if (!contains(v)) {
                overflowed = true;
            }
            return false;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        return insert(table, v);
    }

    private boolean insert(long[] t, long v) {
        int mask = t.length - 1;
        int i = mix(v) & mask;
        while (t[i] != EMPTY) {
            if (t[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = v;
        size++;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        Arrays.fill(table, EMPTY);
        size = 0;
        for (long v : old) {
            if (v != EMPTY) {
                insert(table, v);
            }
        }
    }

    public boolean contains(long v) {
        int mask = table.length - 1;
        int i = mix(v) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** True when values were dropped because the set was full. */
    public boolean overflowed() {
        return overflowed;
    }

    public long[] toArray() {
        long[] out = new long[size];
        int j = 0;
        for (long v : table) {
            if (v != EMPTY) {
                out[j++] = v;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
