package dev.threadguard.analyzer.cli;

import dev.threadguard.analyzer.model.BadInputException;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.report.Analysis;
import dev.threadguard.analyzer.report.Renderer;
import dev.threadguard.analyzer.report.Renderers;
import dev.threadguard.analyzer.report.ReportView;
import dev.threadguard.analyzer.report.SourceRoots;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.rules.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report [options] FILE.jfr...}: reads the recordings, runs the rules, writes one report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Analyse one or more recordings (several = processes on one host) and report findings.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE.jfr|DIR",
            description = "recordings to analyse together; a directory: every recording under it, as a fleet report grouped by host")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default text)",
            completionCandidates = Formats.class)
    String format = "text";

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "project directory to find the source files of creation sites in (for SARIF paths)")
    Path sourceRoot;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of stdout")
    Path outFile;

    @Option(names = "--fail-on", paramLabel = "info|warning|critical",
            description = "exit 1 when a finding is at least this severe (default: never)")
    String failOn;

    @Option(names = "--threshold", paramLabel = "RULE.NAME=VALUE",
            description = "override a rule threshold, e.g. pool-sized-to-cores.maxBusyRatio=0.5 (repeatable)")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--census", paramLabel = "FILE",
            description = "host census recorded beside the recordings (threadguard run writes " + dev.threadguard.analyzer.host.CensusFile.NAME + "): worker processes, JVMs or not")
    Path census;

    @Option(names = "--cores", paramLabel = "N",
            description = "what-if: project every pool sized from availableProcessors() onto N processors and judge that")
    Integer cores;

    @Option(names = "--verbose", description = "stack traces on errors, reading statistics on stderr")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Renderer renderer = Renderers.byFormat(format).orElse(null);
        if (renderer == null) {
            return usage(err, "unknown format '" + format + "' (" + Renderers.formats().replace("|", ", ") + ")");
        }
        if (sourceRoot != null && !Files.isDirectory(sourceRoot)) {
            return usage(err, "--source-root " + sourceRoot + ": not a directory");
        }
        Severity fail = null;
        if (failOn != null) {
            try {
                fail = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage().replace("severity", "--fail-on value"));
            }
        }
        List<Rule> rules = Rules.all();
        Thresholds t = Thresholds.defaults(rules);
        for (String s : thresholds) {
            try {
                t.override(s);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        // a directory of recordings is a fleet; a JFR repository (a cut run's chunks) is one recording
        if (files.stream().anyMatch(f -> Files.isDirectory(f) && !dev.threadguard.analyzer.model.RecordingInput.isRepository(f))) {
            return fleet(rules, t, fail, stdout, err);
        }
        long t0 = System.nanoTime();
        Model model;
        try {
            model = ModelBuilder.build(files);
        } catch (BadInputException e) {
            err.println("threadguard: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return Main.USAGE;
        }
        if (census != null) {
            try {
                model.census.addAll(dev.threadguard.analyzer.host.CensusFile.read(census));
            } catch (IOException e) {
                return usage(err, "cannot read the census " + census + ": " + e.getMessage());
            }
        }
        for (String w : model.warnings) {
            err.println("threadguard: warning: " + w);
        }
        if (cores != null && (cores < 1 || cores > 100_000)) {
            return usage(err, "--cores needs a processor count from 1 to 100000, not " + cores);
        }
        Analysis a = new Analysis(model, rules, t, cores == null ? -1 : cores);
        ReportView view;
        try {
            view = ReportView.of(a, SourceRoots.scan(sourceRoot));
        } catch (IOException e) {
            return usage(err, "--source-root " + sourceRoot + ": " + e.getMessage());
        }
        if (verbose) {
            long events = model.processes.stream().mapToLong(p -> p.events).sum();
            err.printf(Locale.ROOT, "threadguard: read %d events of %d recording(s) in %.2f s, %d findings"
                    + " (fields by position: %s)%n", events, files.size(), (System.nanoTime() - t0) / 1e9,
                    a.findings.size(), dev.threadguard.analyzer.collect.JfrEventView.fastFields() ? "on" : "off");
        }
        try {
            if (outFile != null) {
                try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                        PrintWriter pw = new PrintWriter(w)) {
                    render(renderer, view, pw);
                    if (pw.checkError()) {
                        throw new IOException("write failed");
                    }
                }
            } else {
                render(renderer, view, stdout);
            }
        } catch (IOException e) {
            err.println("threadguard: cannot write " + outFile + ": " + e.getMessage());
            err.flush();
            return Main.USAGE;
        }
        err.flush();
        if (fail != null) {
            for (Finding f : a.findings) {
                if (f.severity().compareTo(fail) >= 0) {
                    return Main.FINDINGS;
                }
            }
        }
        return Main.OK;
    }

    private static void render(Renderer r, ReportView view, PrintWriter w) {
        r.render(view, w);
        w.flush();
    }

    /** The --format values, from the renderer list. */
    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Renderers.all().stream().map(Renderer::format).iterator();
        }
    }

    /** Directories given: every recording under them, grouped by host, summarized per host and fleet-wide. */
    private int fleet(List<Rule> rules, Thresholds t, Severity fail, PrintWriter stdout, PrintWriter err) {
        if (!format.equals("text") && !format.equals("json")) {
            return usage(err, "a directory gives a fleet report: --format text or json");
        }
        List<Path> recordings;
        try {
            recordings = dev.threadguard.analyzer.fleet.Fleet.recordings(files);
        } catch (IOException e) {
            return usage(err, "cannot list " + files + ": " + e.getMessage());
        }
        if (recordings.isEmpty()) {
            return usage(err, "no .jfr recordings under " + files);
        }
        dev.threadguard.analyzer.fleet.Fleet fleet = dev.threadguard.analyzer.fleet.Fleet.analyse(recordings, rules, t);
        if (fleet.recordings == 0) {
            String first = fleet.hosts.stream().flatMap(h -> h.warnings.stream()).findFirst().orElse("");
            return usage(err, "no readable recording in the directory " + files + (first.isEmpty() ? "" : " (" + first + ")"));
        }
        try {
            if (outFile != null) {
                try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8); PrintWriter pw = new PrintWriter(w)) {
                    writeFleet(fleet, pw);
                }
            } else {
                writeFleet(fleet, stdout);
            }
        } catch (IOException e) {
            err.println("threadguard: cannot write " + outFile + ": " + e.getMessage());
            return Main.USAGE;
        }
        if (fail != null) {
            for (dev.threadguard.analyzer.fleet.Fleet.HostSummary h : fleet.hosts) {
                for (Map.Entry<Severity, Integer> e : h.bySeverity.entrySet()) {
                    if (e.getKey().compareTo(fail) >= 0 && e.getValue() > 0) {
                        return Main.FINDINGS;
                    }
                }
            }
        }
        return Main.OK;
    }

    private void writeFleet(dev.threadguard.analyzer.fleet.Fleet fleet, PrintWriter w) throws IOException {
        if (format.equals("json")) {
            dev.threadguard.analyzer.fleet.FleetReport.json(fleet, w);
        } else {
            dev.threadguard.analyzer.fleet.FleetReport.text(fleet, w);
        }
    }

    private static int usage(PrintWriter err, String msg) {
        err.println("threadguard: " + msg);
        err.flush();
        return Main.USAGE;
    }
}
