package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.model.Series;
import dev.threadguard.analyzer.rules.Fmt;
import java.util.ArrayList;
import java.util.List;

/** One recording (one process) as shown: what it is, its threads, its host facts, its spawn tree and charts. */
public final class ProcessView {
    public final int index;
    public final String source;
    /** The shortest form of the file name that tells it from the other recordings. */
    public String label;
    public final ProcessModel model;
    public final List<Fact> threads = new ArrayList<>();
    public final List<Fact> host = new ArrayList<>();
    public final List<SpawnTree.Edge> edges;
    public final List<Chart> charts = new ArrayList<>();

    /** A named value, formatted once for every renderer. */
    public record Fact(String label, String value) {}

    ProcessView(ProcessModel pm, long t0) {
        this.index = pm.index;
        this.source = Names.visible(pm.source);
        this.label = source;
        this.model = pm;
        this.edges = SpawnTree.edges(pm);
        threadFacts(pm);
        hostFacts(pm.host);
        charts(pm, t0);
    }

    public String summary() {
        HostFacts h = model.host;
        String agent = model.hasAgent() ? "agent " + (h.agentVersion.isEmpty() ? "yes" : Names.visible(h.agentVersion))
                : "no threadguard events";
        return Fmt.num(Fmt.round(model.durationSeconds(), 1)) + " s, " + agent + (h.pid > 0 ? ", pid " + h.pid : "")
                + (model.cut ? ", RUN CUT (killed or halted)" : model.truncated ? ", TRUNCATED" : "");
    }

    private void threadFacts(ProcessModel pm) {
        long peak = Math.max(pm.peakPlatformThreads, pm.jdkPeakThreads);
        if (peak >= 0) {
            threads.add(new Fact("peak live Java threads", Long.toString(peak)));
        }
        if (pm.peakOsThreads > 0) {
            threads.add(new Fact("peak OS threads", Integer.toString(pm.peakOsThreads)));
        }
        long started = Math.max(pm.startedThreads, pm.jdkStartedThreads);
        if (started >= 0) {
            threads.add(new Fact("started", Long.toString(started)));
        }
        if (pm.osCensusSeen) {
            threads.add(new Fact("native", Integer.toString(pm.nativeThreads)));
            threads.add(new Fact("JVM-internal", Integer.toString(pm.jvmInternalThreads)));
        }
        if (!pm.pools.isEmpty()) {
            threads.add(new Fact("pools and families", pm.foldedPools.size() == 0 ? Integer.toString(pm.pools.size())
                    : String.format(java.util.Locale.ROOT, "%s%,d (the first %,d described one by one, the rest counted)",
                            pm.foldedPools.overflowed() ? "more than " : "", pm.poolsSeen(), pm.pools.size())));
        }
        if (pm.failureCount > 0) {
            threads.add(new Fact("failed thread starts", Integer.toString(pm.failureCount)));
        }
        if (!pm.cpuLoad.isEmpty()) {
            threads.add(new Fact("JVM CPU", "mean " + Fmt.pct(pm.cpuLoad.mean("jvm")) + " max "
                    + Fmt.pct(pm.cpuLoad.max("jvm")) + " of the machine (machine mean "
                    + Fmt.pct(pm.cpuLoad.mean("machine")) + ")"));
        }
    }

    private void hostFacts(HostFacts h) {
        host.add(new Fact("processors", "JVM " + known(h.availableProcessors) + ", online " + known(h.onlineCpus)
                + ", cores " + known(h.physicalCores) + ", sockets " + known(h.sockets)));
        if (h.cpusetSize > 0) {
            host.add(new Fact("cpuset", Names.visible(h.cpusetCpus) + " (" + h.cpusetSize + ")"));
        }
        if (h.cpuQuota > 0) {
            host.add(new Fact("CPU quota", Fmt.num(h.cpuQuota)));
        }
        if (h.activeProcessorCount > 0) {
            host.add(new Fact("-XX:ActiveProcessorCount", Integer.toString(h.activeProcessorCount)));
        }
        if (h.commonPoolParallelism > 0) {
            host.add(new Fact("common pool", Integer.toString(h.commonPoolParallelism)));
        }
        if (h.fromAgent) {
            host.add(new Fact("limits", "nproc " + limit(h.nprocSoft) + "/" + limit(h.nprocHard) + ", pids.max "
                    + limit(h.pidsMax) + ", threads-max " + limit(h.threadsMax) + ", pid_max " + limit(h.pidMax)));
            host.add(new Fact("thread env", h.threadEnvironment.isEmpty() ? "none set"
                    : Names.visible(h.threadEnvironment)));
        }
        if (!h.jvmVersion.isEmpty()) {
            host.add(new Fact("JVM", Names.visible(h.jvmVersion)));
        }
    }

    private void charts(ProcessModel pm, long t0) {
        List<Chart.Line> lines = new ArrayList<>();
        if (!pm.threads.isEmpty()) {
            lines.add(line(pm.threads, "platform", "live Java threads", Chart.Role.THREADS, t0, 1));
            lines.add(line(pm.threads, "os", "OS threads", Chart.Role.OS_THREADS, t0, 1));
        } else if (!pm.jdkThreads.isEmpty()) {
            lines.add(line(pm.jdkThreads, "active", "live Java threads", Chart.Role.THREADS, t0, 1));
        }
        lines.removeIf(Chart.Line::isEmpty);
        int procs = pm.host.effectiveProcessors();
        if (!lines.isEmpty()) {
            charts.add(new Chart("Threads", "threads", true, lines, procs > 0 ? procs : Double.NaN,
                    procs > 0 ? procs + " processors" : ""));
        }
        if (!pm.cpuLoad.isEmpty()) {
            int cpus = pm.host.hostProcessors() > 0 ? pm.host.hostProcessors() : 1;
            List<Chart.Line> cpu = new ArrayList<>();
            cpu.add(line(pm.cpuLoad, "jvm", "this JVM", Chart.Role.CPU, t0, cpus));
            cpu.add(line(pm.cpuLoad, "machine", "whole machine", Chart.Role.OTHER, t0, cpus));
            cpu.removeIf(Chart.Line::isEmpty);
            charts.add(new Chart("CPU used", "cores", false, cpu, cpus, cpus + " online CPUs"));
        }
    }

    /** The bucket maxima of a channel, times in seconds since {@code t0}, values times {@code scale}. */
    private static Chart.Line line(Series s, String channel, String name, Chart.Role role, long t0, double scale) {
        int i = s.channelIndex(channel);
        Chart.LineBuilder b = new Chart.LineBuilder(name, role);
        for (Series.Point p : s.points()) {
            b.add(Math.max(0, (p.time() - t0) / 1000.0), p.max()[i] * scale);
        }
        return b.build();
    }

    static String known(int v) {
        return v > 0 ? Integer.toString(v) : "?";
    }

    static String limit(long v) {
        return v == -1 || v >= Integer.MAX_VALUE ? "unlimited" : v < 0 ? "?" : Long.toString(v);
    }
}
