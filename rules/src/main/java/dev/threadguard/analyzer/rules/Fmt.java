package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import java.util.Locale;

/** Number and pool formatting shared by the rules and the reports. */
public final class Fmt {
    private Fmt() {}

    public static String num(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        if (Math.abs(d - Math.rint(d)) < 1e-9 && Math.abs(d) < 1e15) {
            return Long.toString((long) Math.rint(d));
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.1f", d);
    }

    public static String pct(double fraction) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        if (fraction > 0 && fraction < 0.005) {
            return "<1%";
        }
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    public static double round(double d, int digits) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d;
        }
        double f = Math.pow(10, digits);
        return Math.round(d * f) / f;
    }

    /** A pool's name, with the recording it came from when several were analysed. */
    public static String pool(Model m, PoolStats p) {
        String n = "'" + p.label() + "'";
        return m != null && m.multiProcess() ? n + " [" + m.process(p.process).source + "]" : n;
    }

    /** "pools", "thread families", "event loop groups". */
    public static String plural(String noun) {
        return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }

    /** As {@link #pool}, but the JVM's own pool by its name: "the common pool". */
    public static String poolOrJvms(Model m, PoolStats p) {
        return p.kind().jvmOwned() ? "the " + p.kind().shortName() : pool(m, p);
    }

    /** A pool's width in words: "8", or "unbounded (peak 12 at once)"; never 2147483647. */
    public static String width(PoolStats p) {
        return p.unbounded() ? "unbounded (peak " + p.peakSize() + " at once)" : Integer.toString(p.width());
    }

    /**
     * The creation site or, when unknown, the pool name; for a pool made inside a library the knob table does
     * not list, the application's call into it ({@link Knobs#where}).
     */
    public static String where(PoolStats p) {
        return Knobs.where(p);
    }

    /** The constructor call that creates a pool like {@code p} with {@code size} workers. */
    public static String constructor(PoolStats p, int size) {
        return p.kind().constructor(p.poolClass, p.corePoolSize, p.maximumPoolSize, size);
    }

    /** How the pool's size relates to the processors, in words. */
    public static String relation(String rel) {
        return switch (rel) {
            case "n" -> "availableProcessors()";
            case "n-1" -> "availableProcessors() - 1";
            case "n+1" -> "availableProcessors() + 1";
            case "2n" -> "2 x availableProcessors()";
            case "n/2" -> "availableProcessors() / 2";
            default -> rel;
        };
    }
}
