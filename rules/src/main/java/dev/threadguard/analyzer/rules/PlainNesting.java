package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * nested-parallelism on a recording without the agent: jdk.ThreadStart's parent thread shows numbered
 * pools ({@code ForkJoinPool-7-worker-*}, {@code pool-7-thread-*}) whose threads a pool's workers
 * started. Several such pools from one outer pool's workers are pools created inside those workers (one
 * could be a shared pool the workers merely started threads of, which plain JFR cannot tell apart). Plain JFR has no pool sizes or CPU wait: the counts are
 * threads started, the finding is info and says that the agent measures the rest.
 */
final class PlainNesting {
    private PlainNesting() {}

    /** Threads of one numbered pool instance: a ForkJoinPool's, or an executor's from the default factory. */
    private static final Pattern POOL_INSTANCE = Pattern.compile("(ForkJoinPool-\\d+-worker-|pool-\\d+-thread-)\\*");

    static List<Finding> findings(Model model, ProcessModel pm, int procs, Thresholds t) {
        Map<String, Integer> started = new LinkedHashMap<>(); // child pattern -> threads started
        for (Map<String, Integer> children : pm.jdkSpawn.values()) {
            children.forEach((child, n) -> started.merge(child, n, Integer::sum));
        }
        Map<String, List<String>> innerByOuter = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> e : pm.jdkSpawn.entrySet()) {
            String outer = e.getKey();
            if (!outer.contains("*") || outer.startsWith("ForkJoinPool-")) {
                continue; // not a pool's worker, or a ForkJoinPool starting its own workers
            }
            for (String child : e.getValue().keySet()) {
                if (POOL_INSTANCE.matcher(child).matches() && !child.equals(outer)) {
                    innerByOuter.computeIfAbsent(outer, k -> new ArrayList<>()).add(child);
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : innerByOuter.entrySet()) {
            String outer = e.getKey();
            List<String> inners = e.getValue();
            int outerThreads = started.getOrDefault(outer, 0);
            int innerMax = inners.stream().mapToInt(i -> started.getOrDefault(i, 0)).max().orElse(0);
            if (outerThreads < t.get(NestedParallelism.MIN_OUTER) || inners.size() < 2) {
                continue; // one inner pool may be shared and only started from a worker: plain JFR cannot tell
            }
            out.add(new Finding.Builder(NestedParallelism.ID).severity(Severity.INFO)
                    .title(inners.size() + " pools created in '" + outer + "' workers")
                    .message("Workers of the pool '" + outer + "' (" + outerThreads + " threads started) created "
                            + inners.size() + " pools (" + String.join(", ", inners.subList(0, Math.min(4,
                                    inners.size()))) + (inners.size() > 4 ? ", ..." : "") + "), up to " + innerMax
                            + " threads started by one, on " + procs + " processors. From plain JFR (jdk.ThreadStart's"
                            + " parent thread): threads started, not widths, and no CPU wait; record with the"
                            + " threadguard agent for the pools' sizes and the measured wait.")
                    .evidence(NestedParallelism.INNER_POOLS, inners.size())
                    .evidence(NestedParallelism.OUTER_THREADS_STARTED, outerThreads)
                    .evidence(NestedParallelism.INNER_THREADS_STARTED, innerMax)
                    .evidence(NestedParallelism.PROCESSORS, procs)
                    .location(outer)
                    .recommendation("let one level own the parallelism: run the work inside '" + outer
                            + "' tasks sequentially instead of in a pool per task or worker, or share one"
                            + " pool sized to the " + procs + " processors")
                    .build());
        }
        return out;
    }
}
