package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.RuleResult;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What every renderer shows: the model, the findings, the rules that could not run. */
public final class Analysis {
    public static final String VERSION = "0.1.0";

    public final Model model;
    public final List<Finding> findings;
    public final List<String> rulesNeedingAgent;
    /** Per rule: ran (how many findings) or skipped, and why. */
    public final List<RuleResult> ruleResults;

    public Analysis(Model model, List<Rule> rules, Thresholds thresholds) {
        this.model = model;
        Rules.Result r = Rules.run(model, rules, thresholds);
        this.findings = r.findings();
        this.rulesNeedingAgent = r.rulesNeedingAgent();
        this.ruleResults = r.results();
    }

    /** Rules skipped for a reason other than a missing agent (the agent ran, but an event type is absent). */
    public List<RuleResult> skippedWithAgent() {
        List<RuleResult> out = new ArrayList<>();
        for (RuleResult r : ruleResults) {
            if (!r.ran() && !rulesNeedingAgent.contains(r.rule())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Pools worth a row: every pool and family, the busiest first, at most {@code max}. */
    public List<PoolStats> pools(int max) {
        List<PoolStats> all = new ArrayList<>(model.pools());
        all.sort(Comparator.comparingInt((PoolStats p) -> p.samples > 0 ? 0 : 1)
                .thenComparing(Comparator.comparingInt(PoolStats::width).reversed()));
        return all.size() > max ? all.subList(0, max) : all;
    }

    /** The spawn tree edges of one process, from the agent's events or else from jdk.ThreadStart. */
    public static List<Edge> edges(ProcessModel pm) {
        List<Edge> out = new ArrayList<>();
        for (Map.Entry<Long, List<Long>> e : pm.createdBy.entrySet()) {
            PoolStats outer = pm.pool(e.getKey());
            for (long id : e.getValue()) {
                PoolStats inner = pm.pool(id);
                if (pm.nestedUses.stream().anyMatch(u -> u.callerPoolId() == e.getKey() && u.poolId() == id)) {
                    continue;
                }
                out.add(new Edge(label(outer, e.getKey()), width(outer), label(inner, id), width(inner), "creates", 1));
            }
        }
        for (ProcessModel.NestedUse u : pm.nestedUses) {
            PoolStats outer = pm.pool(u.callerPoolId());
            PoolStats inner = pm.pool(u.poolId());
            String in = inner != null ? inner.label() : u.poolName();
            out.add(new Edge(outer != null ? outer.label() : u.callerPoolName(), width(outer), in, width(inner),
                    u.api().isEmpty() ? "submits" : u.api(), 1));
        }
        for (Map.Entry<Long, Map<Long, Integer>> e : pm.threadsStartedBy.entrySet()) {
            PoolStats outer = pm.pool(e.getKey());
            for (Map.Entry<Long, Integer> c : e.getValue().entrySet()) {
                PoolStats inner = pm.pool(c.getKey());
                if (inner != null && inner.creatorPoolId == e.getKey()) {
                    continue;
                }
                out.add(new Edge(label(outer, e.getKey()), width(outer),
                        c.getKey() == 0 ? "(threads outside pools)" : label(inner, c.getKey()),
                        inner == null ? c.getValue() : Math.max(inner.peakSize(), 1), "starts threads", c.getValue()));
            }
        }
        out = merge(out);
        if (out.isEmpty()) {
            for (Map.Entry<String, Map<String, Integer>> e : pm.jdkSpawn.entrySet()) {
                for (Map.Entry<String, Integer> c : e.getValue().entrySet()) {
                    out.add(new Edge(e.getKey(), -1, c.getKey(), c.getValue(), "starts", c.getValue()));
                }
            }
            out.sort((a, b) -> b.count() - a.count());
        }
        return out;
    }

    /** Edges between pools of the same names merged, their counts added (a pool per task shows once). */
    private static List<Edge> merge(List<Edge> edges) {
        Map<String, Edge> m = new java.util.LinkedHashMap<>();
        for (Edge e : edges) {
            String k = e.outer() + "\u0000" + e.inner() + "\u0000" + e.how();
            Edge old = m.get(k);
            m.put(k, old == null ? e : new Edge(e.outer(), Math.max(e.outerWidth(), old.outerWidth()), e.inner(),
                    Math.max(e.innerWidth(), old.innerWidth()), e.how(), old.count() + e.count()));
        }
        return new ArrayList<>(m.values());
    }

    /** Pools of one process with the same name and creation site, shown as one row. */
    public record PoolRow(PoolStats pool, int count) {}

    public List<PoolRow> poolRows(int max) {
        Map<String, PoolRow> rows = new java.util.LinkedHashMap<>();
        for (PoolStats p : pools(Integer.MAX_VALUE)) {
            String k = p.process + "\u0000" + p.label() + "\u0000" + p.creationSite;
            PoolRow r = rows.get(k);
            if (r == null) {
                rows.put(k, new PoolRow(p, 1));
            } else {
                PoolStats best = p.peakBusy() > r.pool().peakBusy() ? p : r.pool();
                rows.put(k, new PoolRow(best, r.count() + 1));
            }
        }
        List<PoolRow> out = new ArrayList<>(rows.values());
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static String label(PoolStats p, long id) {
        return p == null ? "pool#" + id : p.label();
    }

    private static int width(PoolStats p) {
        return p == null ? -1 : p.width();
    }

    /** outer -> inner, with the widths (N, M; -1 unknown) and how many times. */
    public record Edge(String outer, int outerWidth, String inner, int innerWidth, String how, int count) {}
}
