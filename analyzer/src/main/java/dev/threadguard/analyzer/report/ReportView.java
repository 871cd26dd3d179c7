package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.knobs.LibraryKnobs;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.RuleResult;
import dev.threadguard.analyzer.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a report shows, computed once: findings with their code sites, pool rows grouped one way for
 * every format (unused ones apart), processes with their threads, host facts, spawn tree and charts, and
 * each rule's status. Renderers only lay it out. Open for more: a host or fleet summary is one more field.
 */
public final class ReportView {
    public final Analysis analysis;
    public final Model model;
    public final List<FindingView> findings = new ArrayList<>();
    public final List<ProcessView> processes = new ArrayList<>();
    /** Pools that started threads or ran tasks: findings' pools first, then the busiest. */
    public final List<PoolRow> pools = new ArrayList<>();
    /** Pools that never started a thread: shown folded. */
    public final List<PoolRow> unusedPools = new ArrayList<>();
    public final List<RuleStatus> rules = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    /** The host census beside the recordings (--census); empty without one. */
    public final HostCensusView host;
    /** Epoch milliseconds of the earliest recording start: time 0 of every chart. */
    public final long startMillis;
    /** The project directory source files were looked up in ({@code --source-root}), if any. */
    public final Optional<java.nio.file.Path> sourceRoot;

    private ReportView(Analysis a, SourceRoots roots) {
        this.analysis = a;
        this.model = a.model;
        this.sourceRoot = roots.root();
        long t0 = Long.MAX_VALUE;
        for (ProcessModel pm : model.processes) {
            if (pm.start != null) {
                t0 = Math.min(t0, pm.start.toEpochMilli());
            }
        }
        this.startMillis = t0 == Long.MAX_VALUE ? 0 : t0;
        for (ProcessModel pm : model.processes) {
            processes.add(new ProcessView(pm, startMillis));
        }
        List<String> labels = Names.shortest(processLabels(processes.stream().map(p -> p.source).toList()), 16);
        for (int i = 0; i < processes.size(); i++) {
            processes.get(i).label = labels.get(i);
        }
        model.warnings.forEach(w -> warnings.add(Names.visible(w)));
        this.host = new HostCensusView(model.census);
        List<PoolRow> rows = group(model);
        PoolCharts charts = new PoolCharts();
        for (PoolRow r : rows) {
            charts.add(r.name, r.count() > 1 ? "workers (" + r.count() + " pools)" : "workers", r.members, Double.NaN);
        }
        int procs = model.processors();
        List<List<PoolRow>> abouts = new ArrayList<>();
        for (Finding f : a.findings) {
            List<PoolRow> about = rows.stream().filter(r -> isAbout(r, f)).toList();
            List<PoolStats> members = new ArrayList<>();
            about.forEach(r -> members.addAll(r.members));
            charts.add(Names.visible(f.title()), members.size() > 1 ? "workers (" + members.size() + " pools)"
                    : "workers", members, procs > 0 ? procs : Double.NaN);
            abouts.add(about);
        }
        List<Chart> built = charts.build(model.timeline, startMillis, procs + " processors");
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).chart = built.get(i);
        }
        for (int i = 0; i < a.findings.size(); i++) {
            Finding f = a.findings.get(i);
            List<PoolRow> about = abouts.get(i);
            Optional<SourceLocation> site = applicationCall(f, about).or(() -> SourceLocation.parse(f.location()));
            findings.add(new FindingView(f, site, site.flatMap(roots::find), about,
                    about.isEmpty() ? null : built.get(rows.size() + i)));
        }
        Map<PoolRow, Integer> findingOrder = new HashMap<>();
        for (int i = findings.size() - 1; i >= 0; i--) {
            for (PoolRow r : findings.get(i).pools()) {
                findingOrder.put(r, i);
            }
        }
        rows.sort(Comparator.comparingInt((PoolRow r) -> findingOrder.getOrDefault(r, Integer.MAX_VALUE))
                .thenComparing(Comparator.comparingInt(PoolRow::peakBusy).reversed())
                .thenComparing(Comparator.comparingInt(PoolRow::made).reversed())
                .thenComparing(r -> r.name));
        for (PoolRow r : rows) {
            (r.unused() ? unusedPools : pools).add(r);
        }
        for (RuleResult r : a.ruleResults) {
            String description = a.rules.stream().filter(x -> x.id().equals(r.rule())).map(Rule::description)
                    .findFirst().orElse("");
            rules.add(new RuleStatus(r.rule(), description, r.status().label(), Names.visible(r.reason()),
                    r.findings()));
        }
    }

    /**
     * For a finding at a library's own line (a pool the library created), the application's call into that
     * library: the line a user can change (through the library's knob), not library code.
     */
    static Optional<SourceLocation> applicationCall(Finding f, List<PoolRow> about) {
        for (PoolRow r : about) {
            for (PoolStats p : r.members) {
                if (!p.creationSite.isEmpty() && p.creationSite.equals(f.location())) {
                    Optional<SourceLocation> call = LibraryKnobs.standard().lookup(p.creationFrames, p.workerName)
                            .flatMap(m -> m.callSite).flatMap(SourceLocation::parse);
                    if (call.isPresent()) {
                        return call;
                    }
                }
            }
        }
        return Optional.empty();
    }

    public static ReportView of(Analysis a) {
        return new ReportView(a, SourceRoots.none());
    }

    public static ReportView of(Analysis a, SourceRoots roots) {
        return new ReportView(a, roots);
    }

    public boolean multiProcess() {
        return processes.size() > 1;
    }

    public int count(Severity s) {
        return (int) findings.stream().filter(f -> f.finding().severity() == s).count();
    }

    public List<RuleStatus> skippedRules() {
        return rules.stream().filter(r -> !r.ran()).toList();
    }

    /** Rules skipped because the recordings have no threadguard events at all. */
    public List<RuleStatus> needingAgent() {
        return rules.stream().filter(r -> analysis.rulesNeedingAgent.contains(r.rule())).toList();
    }

    /** Rules skipped although the agent ran (an event type it needs is absent), with the reason. */
    public List<RuleStatus> skippedWithAgent() {
        return rules.stream().filter(r -> !r.ran() && !analysis.rulesNeedingAgent.contains(r.rule())).toList();
    }

    public ProcessView process(int index) {
        return processes.get(index);
    }

    /** "2 findings: 1 critical, 1 warning" or "No findings". */
    public String headline() {
        if (findings.isEmpty()) {
            return "No findings: nothing oversubscribed that the rules can see.";
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO)) {
            parts.add(count(s) + " " + s.label());
        }
        return findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + ": " + String.join(", ", parts);
    }

    /**
     * What tells recordings apart: their file names without what all of them share at the start (up to a
     * separator) and the end ("threadguard-" and ".jfr" leave the pids), unless too little would remain.
     */
    static List<String> processLabels(List<String> sources) {
        if (sources.size() < 2) {
            return sources;
        }
        String first = sources.get(0);
        int pre = first.length();
        int suf = first.length();
        for (String s : sources) {
            int i = 0;
            while (i < Math.min(pre, s.length()) && s.charAt(i) == first.charAt(i)) {
                i++;
            }
            pre = i;
            int j = 0;
            while (j < Math.min(suf, s.length()) && s.charAt(s.length() - 1 - j) == first.charAt(first.length() - 1 - j)) {
                j++;
            }
            suf = j;
        }
        while (pre > 0 && "-_./ ".indexOf(first.charAt(pre - 1)) < 0) {
            pre--; // whole words only: "threadguard-" of "threadguard-21403"
        }
        int sufStart = suf;
        while (sufStart > 0 && first.charAt(first.length() - sufStart) != '.') {
            sufStart--; // only an extension: ".jfr"
        }
        List<String> out = new ArrayList<>();
        for (String s : sources) {
            int end = s.length() - sufStart;
            String core = end - pre >= 3 ? s.substring(pre, end) : s.substring(0, Math.max(end, 1));
            out.add(core);
        }
        return new java.util.HashSet<>(out).size() == out.size() ? out : sources;
    }

    private static boolean isAbout(PoolRow r, Finding f) {
        if (f.location().isEmpty()) {
            return false;
        }
        for (PoolStats p : r.members) {
            if (f.location().equals(p.creationSite) || f.location().equals(p.label())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pools of one process with one name, one creation site and alike worker names are one row (a pool per
     * request); names made unique per process. A library's thread factory names (hz.cached.thread-*) tell
     * pools from one site apart; the JDK's default names (pool-3-thread-*) say nothing and are left out.
     */
    private static List<PoolRow> group(Model model) {
        Map<List<Object>, List<PoolStats>> groups = new LinkedHashMap<>();
        for (PoolStats p : model.pools()) {
            String workers = workers(p).replaceAll("[0-9]+", "*");
            groups.computeIfAbsent(List.of(p.process, p.label(), p.creationSite, workers), k -> new ArrayList<>()).add(p);
        }
        List<PoolRow> rows = new ArrayList<>();
        Map<String, Integer> nameCount = new HashMap<>();
        for (List<PoolStats> g : groups.values()) {
            PoolStats p = g.get(0);
            nameCount.merge(p.process + "\u0000" + shownName(p), 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (List<PoolStats> g : groups.values()) {
            PoolStats p = g.get(0);
            String label = shownName(p);
            String name = Names.visible(label);
            String site = Names.visible(p.creationSite);
            String key = p.process + "\u0000" + label;
            if (nameCount.get(key) > 1) {
                // one name from several sites: the site tells them apart, a number if even that is shared
                String s = SourceLocation.parse(site).map(SourceLocation::shortForm).orElse(site);
                int k = seen.merge(key + "\u0000" + s, 1, Integer::sum);
                name = name + " @ " + (s.isEmpty() ? "unknown site" : s) + (k > 1 ? " #" + k : "");
            }
            rows.add(new PoolRow(p.process, name, site, Names.visible(p.kind), g));
        }
        return rows;
    }

    private static final java.util.regex.Pattern JDK_DEFAULT =
            java.util.regex.Pattern.compile("pool-\\d+-thread-\\d+|ForkJoinPool-\\d+-worker-\\d+|ForkJoinPool\\.commonPool-worker-\\d+");

    /** What people call the pool: its threads' names when a thread factory chose them, else its label. */
    static String shownName(PoolStats p) {
        if (!p.namePattern.isEmpty()) {
            return p.namePattern;
        }
        String w = workers(p);
        return w.isEmpty() ? p.label() : w;
    }

    /** The workers' name with the last number starred, when a thread factory chose it; "" otherwise. */
    static String workers(PoolStats p) {
        String n = p.workerName;
        if (n.isEmpty() || !p.namePattern.isEmpty() || JDK_DEFAULT.matcher(n).matches()) {
            return "";
        }
        return n.replaceFirst("[0-9]+(?=[^0-9]*$)", "*");
    }
}
