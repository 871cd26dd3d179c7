package dev.threadguard.micrometer;

import dev.threadguard.events.live.FindingView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code threadguard.findings{rule, severity}}: how many findings of each rule hold now, from the
 * analyzer's rules running in this JVM. A rule and severity once seen keep their series (0 when the
 * finding cleared), so an alert sees it end; at most rules x 3 series.
 */
final class FindingMeters {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> counts = new HashMap<>();

    FindingMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void update(List<FindingView> holding) {
        Map<String, Integer> now = new HashMap<>();
        for (FindingView f : holding) {
            String key = f.rule + "\u0000" + f.severity;
            now.merge(key, 1, Integer::sum);
            counts.computeIfAbsent(key, k -> register(f.rule, f.severity));
        }
        for (Map.Entry<String, AtomicInteger> e : counts.entrySet()) {
            e.getValue().set(now.getOrDefault(e.getKey(), 0));
        }
    }

    private AtomicInteger register(String rule, String severity) {
        AtomicInteger n = new AtomicInteger();
        Gauge.builder("threadguard.findings", n, AtomicInteger::get).tag("rule", rule).tag("severity", severity)
            .description("The number of findings of threadguard's rules that hold now in this JVM, by rule and severity"
                + " (agent option warn=: the rules run over the JVM's recording as it is written)")
            .strongReference(true).register(registry);
        return n;
    }
}
