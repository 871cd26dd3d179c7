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

    public Analysis(Model model, List<Rule> rules, Thresholds thresholds) {
        this.model = model;
        this.rules = List.copyOf(rules);
        Rules.Result r = Rules.run(model, rules, thresholds);
        this.findings = r.findings();
        this.rulesNeedingAgent = r.rulesNeedingAgent();
        this.ruleResults = r.results();
    }
}
