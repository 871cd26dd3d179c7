package dev.threadguard.analyzer.bench;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.report.Analysis;
import dev.threadguard.analyzer.report.TextReport;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.io.File;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jfr.consumer.EventStream;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * Not a test. Times one way of reading a recording, in this JVM:
 * {@code Benchmark MODE FILE.jfr} with MODE analyzer (model + rules + text report), bare (an unordered
 * EventStream pass over every event), bare-ordered (the same, ordered), jmc (JfrLoaderToolkit.loadEvents
 * and a pass over every item). Prints "MODE seconds peakHeapMB".
 * {@code Benchmark compare FILE.jfr [ROUNDS]} runs every mode ROUNDS times in fresh JVMs (-Xmx256m, serial GC,
 * the same --add-opens the analyzer's jar has; JMC also with -Xmx4g since it needs more), interleaved so
 * that load from other processes hits all modes alike, and prints the best times and the ratios.
 */
public final class Benchmark {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        if (mode.equals("compare")) {
            compare(file, args.length > 2 ? Integer.parseInt(args[2]) : 3);
            return;
        }
        long t0 = System.nanoTime();
        long count = 0;
        switch (mode) {
            case "analyzer" -> {
                Model m = ModelBuilder.build(List.of(file));
                Analysis a = new Analysis(m, Rules.all(), Thresholds.defaults(Rules.all()));
                new TextReport().render(dev.threadguard.analyzer.report.ReportView.of(a), new PrintWriter(Writer.nullWriter()));
                count = m.processes.get(0).events;
            }
            case "bare", "bare-ordered" -> {
                long[] n = {0};
                try (EventStream es = EventStream.openFile(file)) {
                    es.setOrdered(mode.equals("bare-ordered"));
                    es.onEvent(e -> n[0]++);
                    es.start();
                }
                count = n[0];
            }
            case "jmc" -> {
                IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile());
                for (IItemIterable it : items) {
                    for (IItem i : it) {
                        if (i != null) {
                            count++;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException(mode);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%s %.3f %d %d%n", mode, s, peak / (1024 * 1024), count);
    }

    private static double[] once(String mode, Path file, String xmx) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, xmx, "-XX:+UseSerialGC",
                "--add-opens", "jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Benchmark.class.getName(), mode, file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            System.out.println(mode + " " + xmx + " failed: " + last(out));
            return null;
        }
        String[] f = last(out).split(" ");
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
    }

    private static String last(String s) {
        String[] lines = s.split("\n");
        return lines[lines.length - 1];
    }

    private static void compare(Path file, int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "file %s, %.1f MB, %d rounds, best of each%n", file,
                new File(file.toString()).length() / 1e6, rounds);
        String[][] runs = {{"bare", "-Xmx256m"}, {"bare-ordered", "-Xmx256m"}, {"analyzer", "-Xmx256m"},
            {"jmc", "-Xmx256m"}, {"jmc", "-Xmx4g"}};
        double[][] best = new double[runs.length][];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < runs.length; i++) {
                double[] v = once(runs[i][0], file, runs[i][1]);
                if (v != null && (best[i] == null || v[0] < best[i][0])) {
                    best[i] = v;
                }
            }
        }
        for (int i = 0; i < runs.length; i++) {
            System.out.printf(Locale.ROOT, "%-13s %-9s %s%n", runs[i][0], runs[i][1], best[i] == null ? "failed"
                    : String.format(Locale.ROOT, "%.2f s, peak heap %.0f MB, %.0f events", best[i][0], best[i][1],
                            best[i][2]));
        }
        if (best[0] != null && best[2] != null) {
            System.out.printf(Locale.ROOT, "analyzer / bare EventStream pass      = %.2f (target <= 1.5)%n",
                    best[2][0] / best[0][0]);
            System.out.printf(Locale.ROOT, "analyzer / bare ordered EventStream   = %.2f%n", best[2][0] / best[1][0]);
        }
        double[] jmc = best[4] != null ? best[4] : best[3];
        if (jmc != null && best[2] != null) {
            System.out.printf(Locale.ROOT, "JMC loadEvents / analyzer             = %.2f (target >= 3)%n",
                    jmc[0] / best[2][0]);
        }
    }
}
