package dev.threadguard.analyzer.cli;

import dev.threadguard.analyzer.host.CensusFile;
import dev.threadguard.analyzer.host.HostCensus;
import dev.threadguard.analyzer.host.HostSnapshot;
import dev.threadguard.analyzer.host.ProcessInfo;
import dev.threadguard.analyzer.host.WorkerGroups;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code host}: every process on this host, JVM or not, with its threads against the processors and limits. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "List every process on this host (JVM or not): threads, CPU, state, thread-count environment variables, against the processors and limits.")
public final class HostCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "text|json", description = "text (default) or json")
    String format = "text";

    @Option(names = "--top", paramLabel = "N", description = "only the N processes with the most threads (default: all)")
    int top = Integer.MAX_VALUE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("threadguard: unknown format '" + format + "' (text or json)");
            return Main.USAGE;
        }
        HostSnapshot s = new HostCensus().take(0);
        if (s.processes.size() > top) {
            s.processes = s.processes.subList(0, Math.max(top, 0));
        }
        if (format.equals("json")) {
            out.println(CensusFile.json(s));
        } else {
            text(s, out);
        }
        out.flush();
        return Main.OK;
    }

    static void text(HostSnapshot s, PrintWriter out) {
        out.printf(Locale.ROOT, "host %s: %d processors (%d physical cores), this shell may use %s; %d processes, %d threads%n",
                s.hostname, s.logicalProcessors, s.physicalCores, s.cpusetSize < 0 ? "?" : Integer.toString(s.cpusetSize),
                s.hostProcesses, s.hostThreads);
        out.printf(Locale.ROOT, "limits: threads-max %s, pid_max %s, RLIMIT_NPROC %s%n", limit(s.threadsMax), limit(s.pidMax),
                s.nprocSoft < 0 ? "unlimited" : Long.toString(s.nprocSoft));
        out.println();
        out.printf(Locale.ROOT, "%7s %7s %7s %5s %9s %9s  %-8s %-6s  %s%n", "PID", "PPID", "THREADS", "RUN", "CPU s", "WAIT s",
                "STATE", "KIND", "COMMAND");
        for (ProcessInfo p : s.processes) {
            String env = p.threadEnv.isEmpty() ? "" : "  [" + join(p.threadEnv) + "]";
            out.printf(Locale.ROOT, "%7d %7d %7d %5s %9.1f %9s  %-8s %-6s  %s%s%n", p.pid, p.ppid, p.threads,
                    p.runnableThreads < 0 ? "?" : Integer.toString(p.runnableThreads), p.cpuSeconds,
                    p.runQueueWaitSeconds < 0 ? "?" : String.format(Locale.ROOT, "%.1f", p.runQueueWaitSeconds),
                    p.state, p.runtime, cut(p.command, 60), env);
        }
        List<WorkerGroups.Group> groups = WorkerGroups.of(List.of(s));
        groups.removeIf(g -> g.threads <= s.logicalProcessors || g.threadsPerProcess < 2);
        if (!groups.isEmpty()) {
            out.println();
            for (WorkerGroups.Group g : groups) {
                out.printf(Locale.ROOT, "%d processes of %s (%s) x up to %d threads = %d threads, more than the %d processors%s%n",
                        g.processes, g.program, g.runtime, g.threadsPerProcess, g.threads, s.logicalProcessors,
                        g.threadEnv.isEmpty() ? "" : " [" + join(g.threadEnv) + "]");
            }
        }
        out.println();
        out.println("RUN = threads on a CPU or waiting for one now; WAIT = time the live threads waited for a CPU (schedstat);"
                + " ? = not readable (another user's process)");
    }

    private static String limit(long v) {
        return v < 0 ? "?" : Long.toString(v);
    }

    private static String join(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
