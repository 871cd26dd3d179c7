package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004: threads near the lowest binding OS limit (RLIMIT_NPROC, cgroup pids.max, threads-max, pid_max),
 * or a thread start that failed ("unable to create native thread").
 */
public final class ThreadLimit implements Rule {
    public static final String ID = "thread-limit";
    public static final Threshold NEAR_RATIO = new Threshold("nearRatio", Unit.SHARE, 0.8, "fires when peak threads reach this share of the binding limit");
    public static final Evidence LIMIT = Evidence.of("limit", Unit.COUNT, "the binding limit");
    public static final Evidence PEAK_THREADS = Evidence.of("peakThreads", Unit.THREADS, "peak threads");
    public static final Evidence HEADROOM = Evidence.of("headroom", Unit.THREADS, "threads left below the limit");
    public static final Evidence USED_SHARE = Evidence.of("usedShare", Unit.SHARE, "share of the limit used");
    public static final Evidence FAILED_STARTS = Evidence.of("failedStarts", Unit.COUNT, "thread starts that failed");
    public static final Evidence PROCESS_THREADS = Evidence.of("processThreads", Unit.THREADS, "peak threads of this process");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "peak threads near the lowest OS thread limit, or a thread start that failed";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.HOST));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.PROCESS_THREADS, Schema.THREAD_START_FAILED, Schema.POOL_SAMPLE);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(NEAR_RATIO);
    }

    private record Limit(String name, long value, long used, String note, String raise) {
        double ratio() {
            return (double) used / value;
        }
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double near = t.get(NEAR_RATIO);
        List<Finding> out = new ArrayList<>();
        // threads of all recordings (processes on one host) count against host-wide limits
        long allThreads = 0;
        int failures = 0;
        for (ProcessModel pm : model.processes) {
            allThreads += peakThreads(pm);
            failures += pm.failureCount;
        }
        for (ProcessModel pm : model.processes) {
            HostFacts h = pm.host;
            long mine = peakThreads(pm);
            List<Limit> limits = new ArrayList<>();
            if (h.nprocSoft > 0) {
                limits.add(new Limit("RLIMIT_NPROC (ulimit -u)", h.nprocSoft, allThreads,
                        "it counts every thread of the user, in all processes, so other processes eat into it",
                        "raise ulimit -u"));
            }
            if (h.pidsMax > 0) {
                long used = Math.max(h.pidsCurrentMax, allThreads);
                limits.add(new Limit("cgroup pids.max", h.pidsMax, used,
                        "it counts every task of the container", "raise the container's pids limit"));
            }
            if (h.threadsMax > 0) {
                limits.add(new Limit("kernel threads-max", h.threadsMax, allThreads, "system-wide",
                        "raise /proc/sys/kernel/threads-max"));
            }
            if (h.pidMax > 0) {
                limits.add(new Limit("kernel pid_max", h.pidMax, allThreads, "system-wide, threads use pids",
                        "raise /proc/sys/kernel/pid_max"));
            }
            Limit binding = null;
            for (Limit l : limits) {
                if (l.used() > l.value() && pm.failureCount == 0) {
                    continue; // exceeded without a failed start: not enforced here (root and RLIMIT_NPROC)
                }
                if (binding == null || l.ratio() > binding.ratio()) {
                    binding = l;
                }
            }
            boolean failed = pm.failureCount > 0;
            if (!failed && (binding == null || binding.ratio() < near)) {
                continue;
            }
            String grew = grownPools(model, pm);
            StringBuilder msg = new StringBuilder();
            Finding.Builder b = new Finding.Builder(ID);
            if (failed) {
                ProcessModel.Failure f = pm.failures.get(0);
                msg.append(pm.failureCount).append(" thread start(s) failed (\"").append(f.message())
                        .append("\") with ").append(f.liveThreads()).append(" live Java threads")
                        .append(f.osThreads() > 0 ? ", " + f.osThreads() + " OS threads" : "")
                        .append(f.site().isEmpty() ? "" : ", first at " + f.site()).append(". ");
                b.severity(Severity.CRITICAL).title("Thread start failed: " + shorten(f.message()))
                        .location(f.site());
            } else {
                b.severity(Severity.WARNING).title("Threads at " + Fmt.pct(binding.ratio()) + " of " + binding.name()
                        + " (" + binding.used() + " of " + binding.value() + ")");
            }
            if (binding != null) {
                msg.append("Peak threads ").append(binding.used()).append(model.multiProcess()
                        ? " (all recorded processes; this one " + mine + ")" : "")
                        .append(" against the lowest limit, ").append(binding.name()).append(" = ")
                        .append(binding.value()).append(" (").append(binding.note()).append("): headroom ")
                        .append(binding.value() - binding.used()).append(". ");
                b.evidence(LIMIT, binding.value()).evidence(PEAK_THREADS, binding.used())
                        .evidence(HEADROOM, binding.value() - binding.used())
                        .evidence(USED_SHARE, Fmt.round(binding.ratio(), 3));
            } else {
                msg.append("Peak threads ").append(mine).append("; no OS limit was readable. ");
                b.evidence(PEAK_THREADS, mine);
            }
            b.evidence(FAILED_STARTS, pm.failureCount).evidence(PROCESS_THREADS, mine);
            if (!grew.isEmpty()) {
                msg.append("Pools that grew: ").append(grew).append('.');
            }
            PoolStats top = biggest(pm);
            if (!failed) {
                b.location(top == null ? "" : Fmt.where(top));
            }
            String failSite = failed ? pm.failures.get(0).site() : "";
            String cap = top == null ? (failSite.isEmpty() ? "cap thread creation"
                    : "cap the threads started at " + failSite + " (a bounded pool instead of a thread per task)")
                    : "cap '" + top.label() + "' ("
                    + top.peakSize() + " threads" + (top.creationSite.isEmpty() ? "" : " at " + top.creationSite)
                    + ") with a bounded pool";
            b.recommendation(cap + (binding != null ? ", or " + binding.raise() + " (now " + binding.value() + ")" : ""))
                    .message(msg.toString().trim());
            out.add(b.build());
        }
        if (failures == 0 && out.size() > 1 && model.multiProcess()) {
            return out.subList(0, 1); // the same host-wide limit, reported once
        }
        return out;
    }

    static long peakThreads(ProcessModel pm) {
        long v = Math.max(pm.peakOsThreads, pm.peakPlatformThreads);
        if (v <= 0) {
            v = pm.jdkPeakThreads;
        }
        for (ProcessModel.Failure f : pm.failures) {
            v = Math.max(v, Math.max(f.liveThreads(), f.osThreads()));
        }
        return Math.max(v, 0);
    }

    private static PoolStats biggest(ProcessModel pm) {
        PoolStats top = null;
        for (PoolStats p : pm.pools.values()) {
            if (top == null || p.peakSize() > top.peakSize()) {
                top = p;
            }
        }
        return top == null || top.peakSize() == 0 ? null : top;
    }

    private static String grownPools(Model model, ProcessModel pm) {
        List<PoolStats> list = new ArrayList<>(pm.pools.values());
        list.sort((a, b) -> b.peakSize() - a.peakSize());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, list.size()); i++) {
            PoolStats p = list.get(i);
            if (p.peakSize() <= 1) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(Fmt.pool(model, p)).append(' ').append(p.peakSize()).append(" threads");
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        return s.length() > 50 ? s.substring(0, 49) + "~" : s;
    }
}
