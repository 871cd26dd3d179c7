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
     * Skips a test that judges measured CPU wait when, in most busy seconds of the recording, processes
     * outside it used half the processors or more (another build on a shared machine): the rules leave
     * those seconds out (maxOtherLoad), since the recorded threads waited there because of the others.
     */
    public static void assumeCpuWasAvailable(List<Path> files) throws Exception {
        assumeUncrowdedSeconds(files, 3, 0.5);
    }

    /**
     * Skips the test unless at least {@code min} busy seconds of the recordings, and {@code share} of them, had
     * other processes use less than half of the processors.
     */
    public static void assumeUncrowdedSeconds(List<Path> files, int min, double share) throws Exception {
        Model m = ModelBuilder.build(files);
        int procs = m.processors();
        int clear = 0;
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
                n++;
                // the rules leave out seconds in which others used half the processors (maxOtherLoad)
                if (Math.max(0, machine - jvms) * m.processes.get(0).host.hostProcessors() < 0.5 * procs) {
                    clear++;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(n == 0 || (clear >= min && clear >= share * n), String.format(
                java.util.Locale.ROOT, "other processes used half of the %d processors or more in %d of the %d busy"
                        + " seconds of the recording", procs, n - clear, n));
    }

    public static Run cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }
}
