package dev.threadguard.analyzer.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Worker processes of a run: processes of one program (two or more at once) among the run's, with
 * their threads at the peak and what the OS measured over the run (CPU, run-queue wait).
 */
public final class WorkerGroups {
    /** One program's worker processes. */
    public static final class Group {
        public final String program;
        public final String runtime;
        /** Most processes of the program alive at once. */
        public int processes;
        /** Threads per process at that moment (the largest). */
        public int threadsPerProcess;
        /** processes x threads at the peak. */
        public int threads;
        /** CPU and run-queue wait the group's processes added between their first and last census, seconds. */
        public double cpuSeconds;
        public double runQueueWaitSeconds;
        public final Map<String, String> threadEnv = new LinkedHashMap<>();
        /** Every process of the program seen during the run. */
        public final java.util.Set<Long> pids = new java.util.TreeSet<>();

        Group(String program, String runtime) {
            this.program = program;
            this.runtime = runtime;
        }

        /** Share of the time the processes wanted a CPU that they spent waiting for one. */
        public double waitShare() {
            double wanted = cpuSeconds + runQueueWaitSeconds;
            return wanted <= 0 ? 0 : runQueueWaitSeconds / wanted;
        }
    }

    private WorkerGroups() {}

    /** Groups of two or more processes of the same program, largest first. */
    public static List<Group> of(List<HostSnapshot> census) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<Long, ProcessInfo> first = new HashMap<>();
        Map<Long, ProcessInfo> last = new HashMap<>();
        Map<Long, String> programOf = new HashMap<>();
        Map<Long, Double> maxWait = new HashMap<>();
        java.util.Set<Long> atStart = new java.util.HashSet<>();
        if (!census.isEmpty()) {
            census.get(0).processes.forEach(p -> atStart.add(p.pid));
        }
        for (HostSnapshot s : census) {
            Map<String, List<ProcessInfo>> now = new LinkedHashMap<>();
            for (ProcessInfo p : s.processes) {
                if (p.pid == s.root) {
                    continue; // the launched command itself is no worker
                }
                String program = p.program.isEmpty() ? p.name : p.program;
                now.computeIfAbsent(program, k -> new ArrayList<>()).add(p);
                first.putIfAbsent(p.pid, p);
                last.put(p.pid, p);
                // schedstat sums live threads: a thread that ends takes its wait along, so keep the most seen
                maxWait.merge(p.pid, p.runQueueWaitSeconds, Math::max);
                programOf.put(p.pid, program);
            }
            for (Map.Entry<String, List<ProcessInfo>> e : now.entrySet()) {
                List<ProcessInfo> ps = e.getValue();
                if (ps.size() < 2) {
                    continue;
                }
                Group g = groups.computeIfAbsent(e.getKey(), k -> new Group(k, ps.get(0).runtime));
                int threads = ps.stream().mapToInt(p -> p.threads).sum();
                if (threads > g.threads) {
                    g.threads = threads;
                    g.processes = ps.size();
                    g.threadsPerProcess = ps.stream().mapToInt(p -> p.threads).max().orElse(0);
                }
                for (ProcessInfo p : ps) {
                    g.threadEnv.putAll(p.threadEnv);
                }
            }
        }
        for (Map.Entry<Long, String> e : programOf.entrySet()) {
            Group g = groups.get(e.getValue());
            if (g == null) {
                continue;
            }
            g.pids.add(e.getKey());
            // a process started during the run counts from its start; one already there from the first census
            boolean started = !atStart.contains(e.getKey());
            ProcessInfo a = first.get(e.getKey());
            ProcessInfo b = last.get(e.getKey());
            g.cpuSeconds += Math.max(b.cpuSeconds - (started ? 0 : a.cpuSeconds), 0);
            if (a.runQueueWaitSeconds >= 0 && b.runQueueWaitSeconds >= 0) {
                g.runQueueWaitSeconds += Math.max(maxWait.get(e.getKey()) - (started ? 0 : a.runQueueWaitSeconds), 0);
            }
        }
        List<Group> out = new ArrayList<>(groups.values());
        out.sort((x, y) -> Integer.compare(y.threads, x.threads));
        return out;
    }
}
