package dev.threadguard.analyzer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded time series of a few channels: values are put into buckets of {@code width} ms; when there
 * are more than {@link #MAX_BUCKETS} buckets the width doubles and neighbours merge. Each bucket keeps the
 * maximum and the mean of each channel. Order of arrival does not matter.
 */
public final class Series {
    public static final int MAX_BUCKETS = 600;

    private final String[] channels;
    private long width;
    private final TreeMap<Long, double[]> buckets = new TreeMap<>();

    public Series(long widthMillis, String... channels) {
        this.width = widthMillis;
        this.channels = channels;
    }

    public String[] channels() {
        return channels.clone();
    }

    public long width() {
        return width;
    }

    public int channelIndex(String name) {
        for (int i = 0; i < channels.length; i++) {
            if (channels[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Adds one observation; NaN values of a channel are ignored. */
    public void add(long epochMillis, double... values) {
        long key = Math.floorDiv(epochMillis, width) * width;
        double[] b = buckets.computeIfAbsent(key, k -> fresh());
        merge(b, values);
        if (buckets.size() > MAX_BUCKETS) {
            coarsen();
        }
    }

    private double[] fresh() {
        double[] b = new double[channels.length * 3];
        for (int i = 0; i < channels.length; i++) {
            b[i * 3] = Double.NEGATIVE_INFINITY;
        }
        return b;
    }

    private void merge(double[] b, double[] values) {
        for (int i = 0; i < channels.length && i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            b[i * 3] = Math.max(b[i * 3], v);
            b[i * 3 + 1] += v;
            b[i * 3 + 2] += 1;
        }
    }

    private void mergeBucket(double[] into, double[] from) {
        for (int i = 0; i < channels.length; i++) {
            into[i * 3] = Math.max(into[i * 3], from[i * 3]);
            into[i * 3 + 1] += from[i * 3 + 1];
            into[i * 3 + 2] += from[i * 3 + 2];
        }
    }

    private void coarsen() {
        width *= 2;
        TreeMap<Long, double[]> old = new TreeMap<>(buckets);
        buckets.clear();
        for (Map.Entry<Long, double[]> e : old.entrySet()) {
            long key = Math.floorDiv(e.getKey(), width) * width;
            double[] b = buckets.get(key);
            if (b == null) {
                buckets.put(key, e.getValue());
            } else {
                mergeBucket(b, e.getValue());
            }
        }
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** One point per bucket: time, and per channel max and mean (NaN when the channel had no value). */
    public List<Point> points() {
        List<Point> out = new ArrayList<>(buckets.size());
        for (Map.Entry<Long, double[]> e : buckets.entrySet()) {
            double[] b = e.getValue();
            double[] max = new double[channels.length];
            double[] mean = new double[channels.length];
            for (int i = 0; i < channels.length; i++) {
                boolean has = b[i * 3 + 2] > 0;
                max[i] = has ? b[i * 3] : Double.NaN;
                mean[i] = has ? b[i * 3 + 1] / b[i * 3 + 2] : Double.NaN;
            }
            out.add(new Point(e.getKey(), max, mean));
        }
        return out;
    }

    /** Maximum of a channel over the whole series, NaN if it never had a value. */
    public double max(String channel) {
        int i = channelIndex(channel);
        double m = Double.NaN;
        for (double[] b : buckets.values()) {
            if (b[i * 3 + 2] > 0) {
                m = Double.isNaN(m) ? b[i * 3] : Math.max(m, b[i * 3]);
            }
        }
        return m;
    }

    /** Mean of a channel over all observations. */
    public double mean(String channel) {
        int i = channelIndex(channel);
        double s = 0;
        double n = 0;
        for (double[] b : buckets.values()) {
            s += b[i * 3 + 1];
            n += b[i * 3 + 2];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    public record Point(long time, double[] max, double[] mean) {}
}
