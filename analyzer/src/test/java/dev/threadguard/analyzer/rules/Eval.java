package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.support.Synthetic;
import java.util.List;

/** Runs one rule over a hand-built model with the default thresholds, optionally overridden. */
final class Eval {
    private Eval() {}

    static List<Finding> run(Rule r, Synthetic s, String... overrides) {
        Thresholds t = Thresholds.defaults(Rules.all());
        for (String o : overrides) {
            t.override(o);
        }
        return r.evaluate(s.model, t);
    }
}
