package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.host.HostSnapshot;
import dev.threadguard.analyzer.host.WorkerGroups;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Seed 003 from the host's side: worker processes of one program (JVMs, Python, native) whose
 * threads add up past the processors, and the OS measured them waiting for a CPU. Reads the host
 * census {@code threadguard run} records beside the recordings; a group whose processes are all
 * JVMs recorded by the agent is left to pools-exceed-cores, which sees their pools.
 */
public final class WorkerProcessesExceedCores implements Rule {
    public static final String ID = "worker-processes-exceed-cores";
    public static final Threshold OVERSUBSCRIPTION = new Threshold("oversubscription", Unit.FACTOR, 1.25,
            "fires when the worker processes' threads exceed the processors times this");
    public static final Threshold MIN_WAIT_SHARE = new Threshold("minWaitShare", Unit.SHARE, 0.2,
            "and their threads spent at least this share of the time they wanted a CPU waiting for one");
    public static final Threshold CRITICAL_WAIT_SHARE = new Threshold("criticalWaitShare", Unit.SHARE, 0.5,
            "critical from this share on");
    public static final Evidence PROCESSES = Evidence.of("processes", Unit.COUNT, "worker processes of the program alive at once");
    public static final Evidence THREADS_PER_PROCESS = Evidence.of("threadsPerProcess", Unit.THREADS, "OS threads of each");
    public static final Evidence THREADS = Evidence.of("threads", Unit.THREADS, "processes x threads at the peak");
    public static final Evidence PROCESSORS = Evidence.of("processors", Unit.PROCESSORS, "processors of the host the census could use");
    public static final Evidence RUN_QUEUE_WAIT = Evidence.of("runQueueWaitSeconds", Unit.SECONDS, "time their threads waited for a CPU during the run");
    public static final Evidence CPU = Evidence.of("cpuSeconds", Unit.SECONDS, "CPU time they used during the run");
    public static final Evidence WAIT_SHARE = Evidence.of("waitShare", Unit.SHARE, "wait / (CPU + wait)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "worker processes (JVMs or not) whose threads add up past the processors, measured waiting for a CPU (needs the host census of threadguard run)";
    }

    @Override
    public List<Requires> requires() {
        return List.of();
    }

    /** The agent's Host event gives each recording's pid: worker JVMs recorded by the agent are left to pools-exceed-cores. */
    @Override
    public List<String> optionalEvents() {
        return List.of(dev.threadguard.events.Schema.HOST);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(OVERSUBSCRIPTION, MIN_WAIT_SHARE, CRITICAL_WAIT_SHARE);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        List<HostSnapshot> census = model.census;
        if (census.isEmpty()) {
            return List.of();
        }
        HostSnapshot first = census.get(0);
        int processors = first.cpusetSize > 0 ? Math.min(first.cpusetSize, first.logicalProcessors) : first.logicalProcessors;
        Set<Long> recorded = new HashSet<>();
        for (ProcessModel pm : model.processes) {
            if (pm.hasAgent() && pm.host.pid > 0) {
                recorded.add(pm.host.pid);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (WorkerGroups.Group g : WorkerGroups.of(census)) {
            if (processors <= 0 || g.threads <= processors * t.get(OVERSUBSCRIPTION) || g.waitShare() < t.get(MIN_WAIT_SHARE)) {
                continue;
            }
            if (!g.pids.isEmpty() && recorded.containsAll(g.pids)) {
                continue;
            }
            int fair = Math.max(processors / Math.max(g.processes, 1), 1);
            String env = g.threadEnv.isEmpty() ? "" : " (their environment: " + String.join(", ",
                    g.threadEnv.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + ")";
            out.add(new Finding.Builder(ID)
                    .severity(g.waitShare() >= t.get(CRITICAL_WAIT_SHARE) ? Severity.CRITICAL : Severity.WARNING)
                    .title(String.format(Locale.ROOT, "%d %s processes x %d threads = %d threads on %d processors",
                            g.processes, g.runtime.equals("jvm") ? "JVM" : g.runtime.equals("python") ? "Python" : "worker",
                            g.threadsPerProcess, g.threads, processors))
                    .message(String.format(Locale.ROOT, "%d processes of %s ran at once with up to %d threads each%s: %d threads"
                            + " for %d processors. The OS measured their threads waiting %.1f s for a CPU against %.1f s on one"
                            + " (%.0f%% of the time they wanted to run).", g.processes, g.program, g.threadsPerProcess, env,
                            g.threads, processors, g.runQueueWaitSeconds, g.cpuSeconds, 100 * g.waitShare()))
                    .evidence(PROCESSES, g.processes)
                    .evidence(THREADS_PER_PROCESS, g.threadsPerProcess)
                    .evidence(THREADS, g.threads)
                    .evidence(PROCESSORS, processors)
                    .evidence(RUN_QUEUE_WAIT, round(g.runQueueWaitSeconds))
                    .evidence(CPU, round(g.cpuSeconds))
                    .evidence(WAIT_SHARE, round(g.waitShare()))
                    .location(g.program)
                    .recommendation(String.format(Locale.ROOT, "give each of the %d processes %d thread%s: set OMP_NUM_THREADS,"
                            + " OPENBLAS_NUM_THREADS/MKL_NUM_THREADS (or the pool size, for JVMs) to %d in the workers'"
                            + " environment, or start fewer workers", g.processes, fair, fair == 1 ? "" : "s", fair))
                    .build());
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
