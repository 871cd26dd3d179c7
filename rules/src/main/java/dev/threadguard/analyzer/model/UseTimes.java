package dev.threadguard.analyzer.model;

import java.util.Arrays;

/**
 * When a pool was seen at work: the sampling intervals (from its previous sample to this one, epoch ms) in
 * which a task of it ran, waited in its queue or completed. Bounded: past {@link #MAX} intervals only the
 * count grows, and a pool used that often was used again and again. Samples arrive in any order.
 */
public final class UseTimes {
    public static final int MAX = 256;
    /** The start of an interval that began when the pool was made (its first sample has no previous one). */
    public static final long SINCE_CREATED = Long.MIN_VALUE;

    private long[] from = new long[0];
    private long[] to = new long[0];
    private int kept;
    private int count;
    private boolean sorted = true;

    public void add(long fromMillis, long toMillis) {
        count++;
        if (kept == MAX) {
            return;
        }
        if (kept == from.length) {
            int n = Math.min(MAX, Math.max(4, kept * 2));
            from = Arrays.copyOf(from, n);
            to = Arrays.copyOf(to, n);
        }
        sorted &= kept == 0 || toMillis >= to[kept - 1];
        from[kept] = Math.min(fromMillis, toMillis);
        to[kept] = toMillis;
        kept++;
    }

    /** Intervals seen at work, also those past {@link #MAX}. */
    public int count() {
        return count;
    }

    /** True when the pool was seen at work in an interval that overlaps [{@code fromMillis}, {@code toMillis}]. */
    public boolean atWorkDuring(long fromMillis, long toMillis) {
        sort();
        // intervals are one pool's consecutive sampling periods: ordered by their end, their starts follow
        for (int i = firstEndingAtOrAfter(fromMillis); i < kept && from[i] <= toMillis; i++) {
            if (to[i] >= fromMillis) {
                return true;
            }
        }
        return count > kept;
    }

    /** Intervals seen at work that end after {@code millis}; past {@link #MAX} kept, at least as many as were not kept. */
    public int after(long millis) {
        sort();
        return kept - firstEndingAtOrAfter(millis + 1) + (count - kept);
    }

    private int firstEndingAtOrAfter(long millis) {
        int lo = 0;
        int hi = kept;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (to[mid] < millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void sort() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[kept];
        for (int i = 0; i < kept; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(to[a], to[b]));
        long[] f = new long[kept];
        long[] t = new long[kept];
        for (int i = 0; i < kept; i++) {
            f[i] = from[order[i]];
            t[i] = to[order[i]];
        }
        from = f;
        to = t;
        sorted = true;
    }
}
