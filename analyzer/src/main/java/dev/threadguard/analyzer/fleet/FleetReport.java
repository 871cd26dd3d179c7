package dev.threadguard.analyzer.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fleet report: per host, then fleet-wide by rule; text or JSON. */
public final class FleetReport {
    private FleetReport() {}

    public static void text(Fleet fleet, PrintWriter out) {
        out.printf(Locale.ROOT, "threadguard fleet report: %d host%s, %d process%s (%d recording%s)%n", fleet.hosts.size(),
                fleet.hosts.size() == 1 ? "" : "s", fleet.processes, fleet.processes == 1 ? "" : "es", fleet.recordings,
                fleet.recordings == 1 ? "" : "s");
        for (Fleet.HostSummary h : fleet.hosts) {
            out.println();
            out.printf(Locale.ROOT, "host %s: %d process%s, %s processors, peak %d OS threads; %s%n", h.host, h.processes,
                    h.processes == 1 ? "" : "es", h.processors > 0 ? Integer.toString(h.processors) : "?", h.peakOsThreads,
                    counts(h));
            for (Finding f : h.findings) {
                out.printf(Locale.ROOT, "  %-8s %s: %s%n", f.severity().label().toUpperCase(Locale.ROOT), f.rule(), f.title());
            }
            if (h.findingCount > h.findings.size()) {
                out.printf(Locale.ROOT, "  ... and %d more (threadguard report on this host's recordings)%n",
                        h.findingCount - h.findings.size());
            }
            for (String w : h.warnings) {
                out.println("  warning: " + w);
            }
        }
        out.println();
        if (fleet.rules.isEmpty()) {
            out.println("fleet: no findings");
        } else {
            out.println("fleet: findings by rule");
            for (Map.Entry<String, Fleet.RuleCount> e : fleet.rules.entrySet()) {
                Fleet.RuleCount rc = e.getValue();
                out.printf(Locale.ROOT, "  %-30s worst %-8s on %d of %d host%s, %d finding%s%n", e.getKey(), rc.worst.label(),
                        rc.hosts, fleet.hosts.size(), fleet.hosts.size() == 1 ? "" : "s", rc.findings, rc.findings == 1 ? "" : "s");
            }
        }
        out.flush();
    }

    private static String counts(Fleet.HostSummary h) {
        if (h.findingCount == 0) {
            return "no findings";
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO)) {
            parts.add(h.bySeverity.getOrDefault(s, 0) + " " + s.label());
        }
        return String.join(", ", parts);
    }

    public static void json(Fleet fleet, PrintWriter out) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("hosts", fleet.hosts.size());
        root.put("processes", fleet.processes);
        root.put("recordings", fleet.recordings);
        List<Object> hosts = new ArrayList<>();
        for (Fleet.HostSummary h : fleet.hosts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.host);
            m.put("processes", h.processes);
            m.put("processors", h.processors);
            m.put("peakOsThreads", h.peakOsThreads);
            m.put("recordings", h.recordings);
            Map<String, Integer> sev = new LinkedHashMap<>();
            h.bySeverity.forEach((k, v) -> sev.put(k.label(), v));
            m.put("findingsBySeverity", sev);
            List<Object> fs = new ArrayList<>();
            for (Finding f : h.findings) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("rule", f.rule());
                fm.put("severity", f.severity().label());
                fm.put("title", f.title());
                fm.put("location", f.location());
                fm.put("evidence", f.evidence());
                fs.add(fm);
            }
            m.put("findings", fs);
            m.put("warnings", h.warnings);
            hosts.add(m);
        }
        root.put("byHost", hosts);
        Map<String, Object> rules = new LinkedHashMap<>();
        fleet.rules.forEach((k, rc) -> rules.put(k, Map.of("findings", rc.findings, "hosts", rc.hosts, "worst", rc.worst.label())));
        root.put("byRule", rules);
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        out.flush();
    }
}
