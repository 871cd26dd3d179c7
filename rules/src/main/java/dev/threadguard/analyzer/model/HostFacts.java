package dev.threadguard.analyzer.model;

/** What the recording says about the machine and the limits the process ran under. -1 none/unlimited, -2 unknown. */
public final class HostFacts {
    public boolean fromAgent;
    public long pid = -2;
    public int availableProcessors = -2;
    public int onlineCpus = -2;
    public int physicalCores = -2;
    public int sockets = -2;
    public String cpusetCpus = "";
    public int cpusetSize = -2;
    public double cpuQuota = -2;
    public int activeProcessorCount = -2;
    public int commonPoolParallelism = -2;
    public long threadsMax = -2;
    public long pidMax = -2;
    public long nprocSoft = -2;
    public long nprocHard = -2;
    public long pidsMax = -2;
    public long pidsCurrentMax = -2;
    public String threadEnvironment = "";
    public String agentVersion = "";
    public String agentOptions = "";
    /** The host's name from the agent's Host event; "" for recordings without it. */
    public String hostname = "";
    public String jvmVersion = "";
    public String jvmArguments = "";
    public String cpuDescription = "";

    /**
     * The processors the process can really run on at once: the smallest of the host's online CPUs, the
     * cpuset and the CPU quota, when known; otherwise what the JVM reports.
     */
    public int effectiveProcessors() {
        int p = Integer.MAX_VALUE;
        if (onlineCpus > 0) {
            p = onlineCpus;
        }
        if (cpusetSize > 0) {
            p = Math.min(p, cpusetSize);
        }
        if (cpuQuota > 0) {
            p = Math.min(p, (int) Math.max(1, Math.ceil(cpuQuota)));
        }
        if (p == Integer.MAX_VALUE) {
            p = availableProcessors > 0 ? availableProcessors : -2;
        }
        return p;
    }

    /** The host's logical CPUs (for several processes on one host), falling back to the effective count. */
    public int hostProcessors() {
        return onlineCpus > 0 ? onlineCpus : effectiveProcessors();
    }

    public boolean known() {
        return availableProcessors > 0 || onlineCpus > 0;
    }
}
