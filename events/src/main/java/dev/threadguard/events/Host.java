package dev.threadguard.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Processors and thread limits of the host, at the start and end of every chunk. */
@Name(Schema.HOST)
@Label("Host")
@Category(Schema.CATEGORY)
@Description("Processors the JVM and the host have, container CPU limits, OS thread limits and thread-count environment variables")
@Period("everyChunk")
@StackTrace(false)
public class Host extends jdk.jfr.Event {
    @Label("Process Id")
    public long pid;
    @Label("Available Processors") @Description("Runtime.availableProcessors()")
    public int availableProcessors;
    @Label("Online CPUs") @Description("Logical processors of the host (/sys/devices/system/cpu/online)")
    public int onlineCpus;
    @Label("Physical Cores") @Description("-2 if the topology is unknown")
    public int physicalCores;
    @Label("Sockets") @Description("-2 if the topology is unknown")
    public int sockets;
    @Label("Cpuset") @Description("CPUs this process may run on (affinity)")
    public String cpusetCpus;
    @Label("Cpuset Size")
    public int cpusetSize;
    @Label("CPU Quota") @Description("Container CPU quota in cores, -1 if none")
    public double cpuQuota;
    @Label("Active Processor Count") @Description("-XX:ActiveProcessorCount, -1 if not set")
    public int activeProcessorCount;
    @Label("Common Pool Parallelism")
    public int commonPoolParallelism;
    @Label("Kernel Threads Max") @Description("/proc/sys/kernel/threads-max; -2 if unknown")
    public long threadsMax;
    @Label("Kernel PID Max") @Description("/proc/sys/kernel/pid_max; -2 if unknown")
    public long pidMax;
    @Label("Process Limit Soft") @Description("RLIMIT_NPROC soft limit (threads count against it); -1 unlimited, -2 if unknown")
    public long nprocSoft;
    @Label("Process Limit Hard") @Description("RLIMIT_NPROC hard limit; -1 unlimited, -2 if unknown")
    public long nprocHard;
    @Label("Cgroup PIDs Max") @Description("cgroup pids.max; -1 when unlimited or absent")
    public long pidsMax;
    @Label("Cgroup PIDs Current") @Description("cgroup pids.current; -2 if there is no pids cgroup")
    public long pidsCurrent;
    @Label("Thread Environment") @Description("Thread-count environment variables that are set (OMP_NUM_THREADS, ...), comma-separated")
    public String threadEnvironment;
    @Label("Agent Version")
    public String agentVersion;
    @Label("Agent Options")
    public String agentOptions;
    @Label("Host Name") @Description("The kernel's host name (/proc/sys/kernel/hostname): how a fleet report groups processes by host")
    public String hostname;
}
