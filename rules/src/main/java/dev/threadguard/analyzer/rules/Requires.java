package dev.threadguard.analyzer.rules;

import dev.threadguard.events.Schema;
import java.util.List;

/**
 * Events a rule cannot do without: the recording must hold at least one event of one of these types.
 * A rule whose requirements are not met is reported as skipped, with the reason (JMC's RulesToolkit
 * does the same with its event availability).
 */
public record Requires(List<String> anyOf) {
    public Requires {
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a requirement needs an event type");
        }
    }

    public static Requires event(String type) {
        return new Requires(List.of(type));
    }

    public static Requires anyOf(String... types) {
        return new Requires(List.of(types));
    }

    /** True when only the threadguard agent writes these events. */
    public boolean agentOnly() {
        return anyOf.stream().allMatch(t -> t.startsWith(Schema.PREFIX));
    }

    /** "no threadguard.PoolSample events", "no jdk.ThreadStart or threadguard.ProcessThreads events". */
    public String missing() {
        return "no " + String.join(" or ", anyOf) + " events";
    }
}
