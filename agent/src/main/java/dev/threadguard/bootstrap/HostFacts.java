package dev.threadguard.bootstrap;

import dev.threadguard.events.Host;
import dev.threadguard.events.Schema;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/** Processors and thread limits, read from /proc and /sys (what oshi reads on Linux, without JNA). */
final class HostFacts {
    private HostFacts() {}

    static volatile String agentVersion = "unknown";
    static volatile String agentOptions = "";

    private static volatile Host cached;

    /** Fills the Host event; static facts are read once, the live ones every time. */
    static void fill(Host e) {
        Host c = cached;
        if (c == null) {
            c = readStatic();
            cached = c;
        }
        e.pid = c.pid;
        e.availableProcessors = Runtime.getRuntime().availableProcessors();
        e.onlineCpus = c.onlineCpus;
        e.physicalCores = c.physicalCores;
        e.sockets = c.sockets;
        e.cpusetCpus = c.cpusetCpus;
        e.cpusetSize = c.cpusetSize;
        e.cpuQuota = c.cpuQuota;
        e.activeProcessorCount = c.activeProcessorCount;
        e.commonPoolParallelism = ForkJoinPool.getCommonPoolParallelism();
        e.threadsMax = ProcFs.readLimit("/proc/sys/kernel/threads-max");
        e.pidMax = ProcFs.readLimit("/proc/sys/kernel/pid_max");
        long[] nproc = ProcFs.nproc();
        e.nprocSoft = nproc[0];
        e.nprocHard = nproc[1];
        String pids = Cgroups.dir("pids");
        // the root cgroup has no pids.max: no limit
        e.pidsMax = pids == null || !new File(pids, "pids.max").exists() ? Schema.UNLIMITED : ProcFs.readLimit(pids + "/pids.max");
        e.pidsCurrent = pids == null ? Schema.UNKNOWN : ProcFs.readLimit(pids + "/pids.current");
        e.threadEnvironment = c.threadEnvironment;
        e.agentVersion = agentVersion;
        e.agentOptions = agentOptions;
        e.hostname = c.hostname;
    }

    private static Host readStatic() {
        Host h = new Host();
        // not ProcessHandle.current(): its class starts a process-reaper pool in the app
        h.pid = ManagementFactory.getRuntimeMXBean().getPid();
        h.onlineCpus = ProcFs.countCpuList(ProcFs.read("/sys/devices/system/cpu/online"));
        int[] topo = topology();
        h.physicalCores = topo[0];
        h.sockets = topo[1];
        h.cpusetCpus = "";
        for (String line : ProcFs.lines("/proc/self/status")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                h.cpusetCpus = line.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        h.cpusetSize = ProcFs.countCpuList(h.cpusetCpus);
        h.cpuQuota = Cgroups.cpuQuota();
        h.activeProcessorCount = activeProcessorCount();
        List<String> env = new ArrayList<>();
        for (String name : Schema.THREAD_ENV_VARS) {
            String v = System.getenv(name);
            if (v != null) {
                env.add(name + "=" + v);
            }
        }
        h.threadEnvironment = String.join(", ", env);
        // not InetAddress.getLocalHost(): it can wait for DNS
        String name = ProcFs.read("/proc/sys/kernel/hostname");
        h.hostname = name != null ? name.trim() : String.valueOf(System.getenv("HOSTNAME") == null ? "" : System.getenv("HOSTNAME"));
        return h;
    }

    private static int activeProcessorCount() {
        try {
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("-XX:ActiveProcessorCount=")) {
                    return Integer.parseInt(arg.substring("-XX:ActiveProcessorCount=".length()).trim());
                }
            }
        } catch (RuntimeException e) {
            return (int) Schema.UNKNOWN;
        }
        return -1;
    }

    /** {physical cores, sockets} from sysfs topology, else /proc/cpuinfo; -2 when neither answers. */
    private static int[] topology() {
        Set<String> cores = new HashSet<>();
        Set<String> sockets = new HashSet<>();
        File[] cpus = new File("/sys/devices/system/cpu").listFiles((d, n) -> n.matches("cpu\\d+"));
        if (cpus != null) {
            for (File cpu : cpus) {
                String pkg = ProcFs.read(cpu + "/topology/physical_package_id");
                String core = ProcFs.read(cpu + "/topology/core_id");
                if (pkg != null && core != null) {
                    sockets.add(pkg.trim());
                    cores.add(pkg.trim() + ":" + core.trim());
                }
            }
        }
        if (cores.isEmpty()) {
            String pkg = "0";
            for (String line : ProcFs.lines("/proc/cpuinfo")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("physical id")) {
                    pkg = value;
                    sockets.add(value);
                } else if (key.equals("core id")) {
                    cores.add(pkg + ":" + value);
                }
            }
        }
        if (cores.isEmpty()) {
            return new int[] {(int) Schema.UNKNOWN, (int) Schema.UNKNOWN};
        }
        return new int[] {cores.size(), Math.max(sockets.size(), 1)};
    }
}
