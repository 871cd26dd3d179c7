package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.RuleResult;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.util.List;

/** The model, the rules that ran over it and their findings; {@link ReportView} turns it into what is shown. */
public final class Analysis {
    public static final String VERSION = "0.1.0";

    public final Model model;
    public final List<Rule> rules;
    public final List<Finding> findings;
    public final List<String> rulesNeedingAgent;
    /** Per rule: ran (how many findings) or skipped, and why. */
    public final List<RuleResult> ruleResults;

    /** Pools that change size in a what-if projection (--cores), empty for the model as recorded. */
    public final List<dev.threadguard.analyzer.model.WhatIf.Change> whatIf;
    /** Processors of the what-if projection, -1 none. */
    public final int whatIfProcessors;

    public Analysis(Model model, List<Rule> rules, Thresholds thresholds) {
        this(model, rules, thresholds, -1);
    }

    /** With {@code processors > 0}, the model is first projected onto that many processors (what-if). */
    public Analysis(Model model, List<Rule> rules, Thresholds thresholds, int processors) {
        this.whatIfProcessors = processors;
        this.whatIf = processors > 0 ? dev.threadguard.analyzer.model.WhatIf.apply(model, processors) : List.of();
        this.model = model;
        this.rules = List.copyOf(rules);
        Rules.Result r = Rules.run(model, rules, thresholds);
        this.findings = r.findings();
        this.rulesNeedingAgent = r.rulesNeedingAgent();
        this.ruleResults = r.results();
    }
}
