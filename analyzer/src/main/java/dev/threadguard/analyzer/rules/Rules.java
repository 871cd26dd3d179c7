package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rule set, and running it over a model. */
public final class Rules {
    private Rules() {}

    public static List<Rule> all() {
        return List.of(new PoolSizedToCores(), new NestedParallelism(), new PoolsExceedCores(), new PoolLeak(),
                new ThreadLimit(), new NativeThreads(), new ProcessorCountDiffers(), new ThreadChurn(),
                new TasksRejected());
    }

    /** Findings of all rules that can run on this model, most severe first. */
    public static Result run(Model model, List<Rule> rules, Thresholds thresholds) {
        List<Finding> findings = new ArrayList<>();
        List<String> needAgent = new ArrayList<>();
        boolean agent = model.hasAgent();
        for (Rule r : rules) {
            if (r.needsAgent() && !agent) {
                needAgent.add(r.id());
                continue;
            }
            findings.addAll(r.evaluate(model, thresholds));
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return new Result(findings, needAgent);
    }

    public record Result(List<Finding> findings, List<String> rulesNeedingAgent) {}
}
