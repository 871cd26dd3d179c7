package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine and the limits the process ran under: from the agent's Host event, else from the JDK's own
 * events (whichever arrives first, the agent's facts win).
 */
final class HostCollector implements Collector {
    private static final Pattern ACTIVE_PROCESSORS = Pattern.compile("-XX:ActiveProcessorCount=(\\d+)");

    @Override
    public List<String> events() {
        return List.of(Schema.HOST, "jdk.CPUInformation", "jdk.ContainerConfiguration", "jdk.JVMInformation");
    }

    @Override
    public String fills() {
        return "ProcessModel.host (HostFacts), ProcessModel.code's main class";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        HostFacts h = pm.host;
        switch (e.type()) {
            case Schema.HOST -> agent(h, e);
            case "jdk.CPUInformation" -> {
                h.cpuDescription = firstLine(PoolCollector.nz(e.getString("cpu")));
                if (!h.fromAgent) {
                    h.onlineCpus = e.getInt("hwThreads");
                    h.physicalCores = e.getInt("cores");
                    h.sockets = e.getInt("sockets");
                }
            }
            case "jdk.ContainerConfiguration" -> {
                if (!h.fromAgent) {
                    long quota = e.getLong("cpuQuota");
                    long period = e.getLong("cpuSlicePeriod");
                    if (quota > 0 && period > 0) {
                        h.cpuQuota = (double) quota / period;
                    }
                    long eff = e.getLong("effectiveCpuCount");
                    if (eff > 0) {
                        h.availableProcessors = (int) eff;
                    }
                }
            }
            default -> {
                String v = PoolCollector.nz(e.getString("jvmVersion"));
                int paren = v.indexOf(')');
                h.jvmVersion = paren > 0 ? v.substring(0, paren + 1) : v;
                h.jvmArguments = PoolCollector.nz(e.getString("jvmArguments"));
                if (e.has("javaArguments")) {
                    pm.code.command(e.getString("javaArguments"));
                }
                if (!h.fromAgent) {
                    if (e.has("pid")) {
                        h.pid = e.getLong("pid");
                    }
                    Matcher m = ACTIVE_PROCESSORS.matcher(h.jvmArguments);
                    h.activeProcessorCount = m.find() ? Integer.parseInt(m.group(1)) : -1;
                }
            }
        }
    }

    private static void agent(HostFacts h, EventView e) {
        h.fromAgent = true;
        h.pid = e.getLong(Schema.PID);
        h.availableProcessors = e.getInt(Schema.AVAILABLE_PROCESSORS);
        h.onlineCpus = e.getInt(Schema.ONLINE_CPUS);
        h.physicalCores = e.getInt(Schema.PHYSICAL_CORES);
        h.sockets = e.getInt(Schema.SOCKETS);
        h.cpusetCpus = PoolCollector.nz(e.getString(Schema.CPUSET_CPUS));
        h.cpusetSize = e.getInt(Schema.CPUSET_SIZE);
        h.cpuQuota = e.getDouble(Schema.CPU_QUOTA);
        h.activeProcessorCount = e.getInt(Schema.ACTIVE_PROCESSOR_COUNT);
        h.commonPoolParallelism = e.getInt(Schema.COMMON_POOL_PARALLELISM);
        h.threadsMax = e.getLong(Schema.THREADS_MAX);
        h.pidMax = e.getLong(Schema.PID_MAX);
        h.nprocSoft = e.getLong(Schema.NPROC_SOFT);
        h.nprocHard = e.getLong(Schema.NPROC_HARD);
        h.pidsMax = e.getLong(Schema.PIDS_MAX);
        h.pidsCurrentMax = Math.max(h.pidsCurrentMax, e.getLong(Schema.PIDS_CURRENT));
        h.threadEnvironment = PoolCollector.nz(e.getString(Schema.THREAD_ENVIRONMENT));
        h.agentVersion = PoolCollector.nz(e.getString(Schema.AGENT_VERSION));
        h.agentOptions = PoolCollector.nz(e.getString(Schema.AGENT_OPTIONS));
        if (e.has(Schema.HOSTNAME)) {
            h.hostname = PoolCollector.nz(e.getString(Schema.HOSTNAME));
        }
    }

    @Override
    public void finish(ProcessModel pm) {
        if (pm.host.commonPoolParallelism < 0) {
            for (PoolStats p : pm.pools.values()) {
                if (p.kind().jvmOwned() && p.width() > 0) {
                    pm.host.commonPoolParallelism = p.width();
                }
            }
        }
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }
}
