package dev.threadguard.analyzer.host;

import java.util.ArrayList;
import java.util.List;

/** A census of one host at one moment: processors, limits, and the processes (all, or a run's). */
public final class HostSnapshot {
    /** Epoch milliseconds. */
    public long time;
    public String hostname = "";
    /** Logical processors of the host (oshi). */
    public int logicalProcessors;
    public int physicalCores;
    /** CPUs the census process may run on (its affinity mask), -1 unknown. */
    public int cpusetSize = -1;
    /** /proc/sys/kernel/threads-max, -1 unknown. */
    public long threadsMax = -1;
    public long pidMax = -1;
    /** Soft RLIMIT_NPROC of the census process, -1 unlimited or unknown. */
    public long nprocSoft = -1;
    /** Processes and threads on the whole host (oshi). */
    public int hostProcesses;
    public int hostThreads;
    /** The pid the census was asked to follow (its descendants are the run's processes), 0 for the whole host. */
    public long root;
    public List<ProcessInfo> processes = new ArrayList<>();
}
