package dev.threadguard.analyzer.host;

import dev.threadguard.events.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Takes host censuses with oshi: every process on the host (JVM or not) with its threads, CPU,
 * state and thread-count environment variables. On Linux the run-queue wait and the runnable
 * threads of each process come from /proc (oshi does not report them). One instance is reused:
 * oshi's first look at the host takes ~0.5 s.
 */
public final class HostCensus {
    private final SystemInfo system = new SystemInfo();
    private final OperatingSystem os = system.getOperatingSystem();
    private final CentralProcessor cpu = system.getHardware().getProcessor();
    private final long self = os.getProcessId();

    /** Every process on the host (root 0), or only {@code root} and its descendants. */
    public HostSnapshot take(long root) {
        HostSnapshot s = new HostSnapshot();
        s.time = System.currentTimeMillis();
        s.hostname = os.getNetworkParams().getHostName();
        s.logicalProcessors = cpu.getLogicalProcessorCount();
        s.physicalCores = cpu.getPhysicalProcessorCount();
        OSProcess me = os.getProcess((int) self);
        s.cpusetSize = me == null ? -1 : Long.bitCount(me.getAffinityMask());
        s.threadsMax = readLong("/proc/sys/kernel/threads-max");
        s.pidMax = readLong("/proc/sys/kernel/pid_max");
        s.nprocSoft = nprocSoft();
        s.root = root;
        if (root > 0) {
            // a run's census: only the root's tree is read in full, the host by its totals
            s.hostProcesses = os.getProcessCount();
            s.hostThreads = os.getThreadCount();
            List<OSProcess> tree = new java.util.ArrayList<>(os.getDescendantProcesses((int) root, null, null, 0));
            OSProcess top = os.getProcess((int) root);
            if (top != null) {
                tree.add(top);
            }
            for (OSProcess p : tree) {
                if (p.getProcessID() != self) {
                    s.processes.add(describe(p));
                }
            }
        } else {
            List<OSProcess> all = os.getProcesses();
            s.hostProcesses = all.size();
            int threads = 0;
            for (OSProcess p : all) {
                threads += Math.max(p.getThreadCount(), 0);
                if (p.getProcessID() != self) {
                    s.processes.add(describe(p));
                }
            }
            s.hostThreads = threads;
        }
        s.processes.sort((a, b) -> a.threads != b.threads ? Integer.compare(b.threads, a.threads) : Long.compare(a.pid, b.pid));
        return s;
    }

    private static ProcessInfo describe(OSProcess p) {
        ProcessInfo i = new ProcessInfo();
        i.pid = p.getProcessID();
        i.ppid = p.getParentProcessID();
        i.name = p.getName();
        String cmd = p.getCommandLine();
        i.command = cmd == null || cmd.isBlank() ? "[" + i.name + "]" : cmd.length() > 300 ? cmd.substring(0, 300) : cmd;
        i.program = ProcessInfo.program(i.name, p.getArguments());
        i.user = p.getUser();
        i.state = String.valueOf(p.getState());
        i.threads = p.getThreadCount();
        i.cpuSeconds = (p.getUserTime() + p.getKernelTime()) / 1000.0;
        i.runtime = runtime(p);
        Map<String, String> env = p.getEnvironmentVariables();
        i.envReadable = env != null && !env.isEmpty();
        if (i.envReadable) {
            for (String name : Schema.THREAD_ENV_VARS) {
                String v = env.get(name);
                if (v != null) {
                    i.threadEnv.put(name, v);
                }
            }
        }
        readTasks(i);
        return i;
    }

    private static String runtime(OSProcess p) {
        String path = p.getPath() == null ? "" : p.getPath();
        String exe = path.substring(path.lastIndexOf('/') + 1);
        String name = p.getName();
        if (exe.equals("java") || name.equals("java")) {
            return "jvm";
        }
        if (exe.startsWith("python") || name.startsWith("python")) {
            return "python";
        }
        return "native";
    }

    /** Run-queue wait and runnable threads from /proc/PID/task/*: what the OS measured, which oshi does not give. */
    private static void readTasks(ProcessInfo i) {
        Path tasks = Path.of("/proc", Long.toString(i.pid), "task");
        long waitNs = 0;
        int runnable = 0;
        boolean any = false;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path t : dir) {
                String sched = read(t.resolve("schedstat"));
                String stat = read(t.resolve("stat"));
                if (sched != null) {
                    String[] parts = sched.trim().split(" ");
                    if (parts.length >= 2) {
                        waitNs += Long.parseLong(parts[1]);
                        any = true;
                    }
                }
                if (stat != null) {
                    int close = stat.lastIndexOf(')');
                    if (close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'R') {
                        runnable++;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (any) {
            i.runQueueWaitSeconds = waitNs / 1e9;
            i.runnableThreads = runnable;
        }
    }

    private static String read(Path p) {
        // not Files.readString: it trusts the size /proc/sys reports, which can be wrong (1 byte)
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long readLong(String path) {
        String s = read(Path.of(path));
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long nprocSoft() {
        String limits = read(Path.of("/proc/self/limits"));
        if (limits == null) {
            return -1;
        }
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max processes")) {
                String[] parts = line.substring("Max processes".length()).trim().split("\\s+");
                try {
                    return parts[0].equals("unlimited") ? -1 : Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
