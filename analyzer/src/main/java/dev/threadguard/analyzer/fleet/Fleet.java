package dev.threadguard.analyzer.fleet;

import dev.threadguard.analyzer.model.BadInputException;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ModelBuilder;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.model.RecordingInput;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.rules.Thresholds;
import dev.threadguard.events.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jdk.jfr.consumer.EventStream;

/**
 * Every recording under a directory, grouped by host (the agent's Host.hostname; for recordings
 * without it, the directory they are in) and analysed host by host: the processes of one host
 * compete for its cores, and only one host's model is in memory at a time. What stays is a
 * summary per host.
 */
public final class Fleet {
    /** Findings kept per host for the report; the counts cover all. */
    static final int MAX_FINDINGS_PER_HOST = 20;

    /** One host's summary. */
    public static final class HostSummary {
        public final String host;
        public final List<String> recordings = new ArrayList<>();
        public int processes;
        public int processors = -2;
        public int peakOsThreads;
        public final Map<Severity, Integer> bySeverity = new TreeMap<>();
        public final List<Finding> findings = new ArrayList<>();
        public int findingCount;
        public final List<String> warnings = new ArrayList<>();

        HostSummary(String host) {
            this.host = host;
        }
    }

    /** Fleet-wide: per rule and severity, how many findings on how many hosts. */
    public static final class RuleCount {
        public int findings;
        public int hosts;
        public Severity worst = Severity.INFO;
    }

    public final List<HostSummary> hosts = new ArrayList<>();
    public final Map<String, RuleCount> rules = new TreeMap<>();
    public int recordings;
    public int processes;

    /** The .jfr files under the directories (and the files given), sorted. */
    public static List<Path> recordings(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                List<Path> repositories = new ArrayList<>();
                try (Stream<Path> s = Files.walk(a)) {
                    s.filter(RecordingInput::isRepository).forEach(repositories::add);
                }
                // a JFR repository under the directory (a cut run) is one recording, not one per chunk
                out.addAll(repositories);
                try (Stream<Path> s = Files.walk(a)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(p)
                            && !repositories.contains(p.getParent())).sorted().forEach(out::add);
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }

    public static Fleet analyse(List<Path> files, List<Rule> ruleSet, Thresholds thresholds) {
        Map<String, List<Path>> byHost = new TreeMap<>();
        for (Path f : files) {
            byHost.computeIfAbsent(host(f), k -> new ArrayList<>()).add(f);
        }
        Fleet fleet = new Fleet();
        for (Map.Entry<String, List<Path>> e : byHost.entrySet()) {
            HostSummary h = new HostSummary(e.getKey());
            Model model;
            try {
                // the host's files together: chunks of one JVM in several files are one process; a bad
                // file costs its own line only
                model = ModelBuilder.build(e.getValue(), true);
            } catch (BadInputException ex) {
                h.warnings.add(ex.getMessage());
                model = new Model();
            }
            for (Path f : e.getValue()) {
                if (!model.unreadable.contains(f)) {
                    h.recordings.add(f.toString());
                }
            }
            h.warnings.addAll(model.warnings);
            h.processes = model.processes.size();
            h.processors = model.processes.isEmpty() ? -2 : model.processors();
            for (ProcessModel pm : model.processes) {
                h.peakOsThreads += Math.max(pm.peakOsThreads, 0);
            }
            List<Finding> found = model.processes.isEmpty() ? List.of() : Rules.run(model, ruleSet, thresholds).findings();
            h.findingCount = found.size();
            java.util.Set<String> rulesHere = new java.util.HashSet<>();
            for (Finding f : found) {
                h.bySeverity.merge(f.severity(), 1, Integer::sum);
                if (h.findings.size() < MAX_FINDINGS_PER_HOST) {
                    h.findings.add(f);
                }
                RuleCount rc = fleet.rules.computeIfAbsent(f.rule(), k -> new RuleCount());
                rc.findings++;
                if (rulesHere.add(f.rule())) {
                    rc.hosts++;
                }
                if (f.severity().compareTo(rc.worst) > 0) {
                    rc.worst = f.severity();
                }
            }
            fleet.hosts.add(h);
            fleet.recordings += h.recordings.size();
            fleet.processes += h.processes;
        }
        return fleet;
    }

    /**
     * The host a recording was made on: the agent's Host.hostname, else "dir:" and its directory's
     * name (for a repository, which is named after its process, the directory it is in).
     */
    static String host(Path file) {
        String[] found = {null};
        // through RecordingInput: an unfinished chunk (a killed run) would hold the JDK's stream forever
        try (RecordingInput in = RecordingInput.open(file); EventStream es = EventStream.openFile(in.readable)) {
            es.onEvent(Schema.HOST, e -> {
                if (found[0] == null && e.hasField(Schema.HOSTNAME)) {
                    String h = e.getString(Schema.HOSTNAME);
                    if (h != null && !h.isBlank()) {
                        found[0] = h.trim();
                    }
                }
                es.close();
            });
            es.start();
        } catch (BadInputException | IOException | RuntimeException e) {
            // unreadable: grouped by its directory, and reported when it is analysed
        }
        if (found[0] != null) {
            return found[0];
        }
        Path dir = file.toAbsolutePath().getParent();
        return "dir:" + (dir == null || dir.getFileName() == null ? "/" : dir.getFileName().toString());
    }
}
