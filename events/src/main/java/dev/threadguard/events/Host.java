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
    @Label("Physical Cores")
    public int physicalCores;
    @Label("Sockets")
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
    @Label("threads-max") @Description("/proc/sys/kernel/threads-max")
    public long threadsMax;
    @Label("pid_max") @Description("/proc/sys/kernel/pid_max")
    public long pidMax;
    @Label("RLIMIT_NPROC Soft") @Description("Max processes soft limit, -1 unlimited")
    public long nprocSoft;
    @Label("RLIMIT_NPROC Hard")
    public long nprocHard;
    @Label("cgroup pids.max") @Description("-1 when unlimited or absent")
    public long pidsMax;
    @Label("cgroup pids.current")
    public long pidsCurrent;
    @Label("Thread Environment") @Description("Thread-count environment variables that are set (OMP_NUM_THREADS, ...), comma-separated")
    public String threadEnvironment;
    @Label("Agent Version")
    public String agentVersion;
    @Label("Agent Options")
    public String agentOptions;
}
