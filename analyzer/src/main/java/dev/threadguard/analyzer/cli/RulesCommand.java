package dev.threadguard.analyzer.cli;

import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Threshold;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rules}: lists the rules, whether they need the agent, and their thresholds with defaults. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules and their thresholds.")
public final class RulesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Rule r : Rules.all()) {
            out.println(r.id() + (r.needsAgent() ? "  (needs the agent)" : ""));
            out.println("  " + r.description());
            out.println("  needs: " + String.join("; ", r.requires().stream()
                    .map(q -> String.join(" or ", q.anyOf())).toList()));
            for (Threshold t : r.thresholds()) {
                out.println("  --threshold " + r.id() + "." + t.name() + "=" + fmt(t.defaultValue()) + "  ("
                        + t.unit().label() + ") " + t.description());
            }
        }
        out.flush();
        return Main.OK;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
