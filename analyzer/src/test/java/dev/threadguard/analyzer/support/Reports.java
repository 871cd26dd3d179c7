package dev.threadguard.analyzer.support;

import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.report.Analysis;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers: analyse recordings, run the CLI in-process. */
public final class Reports {
    private Reports() {}

    public static Analysis analyse(List<Path> files) throws Exception {
        Model m = ModelBuilder.build(files);
        return new Analysis(m, Rules.all(), Thresholds.defaults(Rules.all()));
    }

    public static List<Finding> findings(List<Path> files, String rule) throws Exception {
        List<Finding> out = new ArrayList<>();
        for (Finding f : analyse(files).findings) {
            if (f.rule().equals(rule)) {
                out.add(f);
            }
        }
        return out;
    }

    public record Run(int code, String out, String err) {}

    /**
     * Skips a test that judges CPU shares when, during the recording, processes outside it took more than
     * 70% of the processors (another build on a shared machine): the pools then cannot reach the CPU use
     * pools-exceed-cores requires (half of at least half the processors), and CPU time alone cannot tell a
     * starved CPU-bound worker from one waiting for I/O (see docs/rules.md, pools-exceed-cores).
     */
    public static void assumeCpuWasAvailable(List<Path> files) throws Exception {
        Model m = ModelBuilder.build(files);
        int procs = m.processors();
        double others = 0;
        int n = 0;
        for (dev.threadguard.analyzer.model.PoolTimeline.Bucket b : m.timeline.buckets()) {
            double machine = -1;
            double jvms = 0;
            boolean busy = false;
            for (var e : b.pools().entrySet()) {
                if (e.getKey().poolId() == dev.threadguard.analyzer.model.PoolTimeline.CPU_LOAD) {
                    machine = Math.max(machine, e.getValue().sizeSum / e.getValue().samples);
                    jvms += e.getValue().busySum / e.getValue().samples;
                } else if (e.getValue().busySum > 0) {
                    busy = true;
                }
            }
            if (machine >= 0 && busy) {
                others += Math.max(0, machine - jvms) * m.processes.get(0).host.hostProcessors();
                n++;
            }
        }
        double mean = n == 0 ? 0 : others / n;
        org.junit.jupiter.api.Assumptions.assumeTrue(mean <= 0.7 * procs, String.format(java.util.Locale.ROOT,
                "other processes used %.2f of the %d processors during the recording", mean, procs));
    }

    public static Run cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }
}
