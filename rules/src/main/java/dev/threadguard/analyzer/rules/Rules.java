package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rule set, and running it over a model: each rule runs where its required events exist. */
public final class Rules {
    private Rules() {}

    public static List<Rule> all() {
        return List.of(new PoolSizedToCores(), new NestedParallelism(), new PoolsExceedCores(), new PoolLeak(),
                new ThreadLimit(), new NativeThreads(), new ProcessorCountDiffers(), new ThreadChurn(),
                new TasksRejected(), new WorkerProcessesExceedCores());
    }

    /** Findings of all rules that can run on this model, most severe first, and what each rule did. */
    public static Result run(Model model, List<Rule> rules, Thresholds thresholds) {
        List<Finding> findings = new ArrayList<>();
        List<RuleResult> results = new ArrayList<>();
        for (Rule r : rules) {
            String missing = missing(model, r);
            if (missing != null) {
                results.add(new RuleResult(r.id(), RuleResult.Status.SKIPPED, missing, 0));
                continue;
            }
            List<Finding> f = r.evaluate(model, thresholds);
            findings.addAll(f);
            results.add(new RuleResult(r.id(), RuleResult.Status.RAN, "", f.size()));
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return new Result(findings, results);
    }

    /** Why the recording cannot feed the rule ("no threadguard.PoolSample events ..."), null when it can. */
    public static String missing(Model model, Rule r) {
        List<String> why = new ArrayList<>();
        boolean agent = model.hasAgent();
        for (Requires req : r.requires()) {
            if (!available(model, req)) {
                if (req.agentOnly() && !agent) {
                    return NEEDS_AGENT;
                }
                why.add(req.missing());
            }
        }
        return why.isEmpty() ? r.notApplicable(model) : String.join("; ", why);
    }

    /** The reason of a rule skipped on a recording made without the agent. */
    public static final String NEEDS_AGENT = "needs the threadguard agent: the recording has no threadguard events";

    private static boolean available(Model model, Requires req) {
        for (ProcessModel pm : model.processes) {
            for (String type : req.anyOf()) {
                if (pm.count(type) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    public record Result(List<Finding> findings, List<RuleResult> results) {
        /** Rules skipped because the recording has no threadguard agent events they need. */
        public List<String> rulesNeedingAgent() {
            List<String> out = new ArrayList<>();
            for (RuleResult r : results) {
                if (!r.ran() && r.reason().equals(NEEDS_AGENT)) {
                    out.add(r.rule());
                }
            }
            return out;
        }
    }
}
