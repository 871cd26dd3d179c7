package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Fmt;
import dev.threadguard.analyzer.rules.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The default report: 80 columns, most severe finding first, then pools, threads and host facts. */
public final class TextReport {
    public static final int WIDTH = 80;

    private TextReport() {}

    public static void write(Analysis a, PrintWriter out) {
        List<ProcessModel> procs = a.model.processes;
        out.println("threadguard report");
        for (ProcessModel pm : procs) {
            String agent = pm.hasAgent() ? "agent " + (pm.host.agentVersion.isEmpty() ? "yes" : pm.host.agentVersion)
                    : "no threadguard events";
            wrap(out, "  " + pm.source + ": " + Fmt.num(Fmt.round(pm.durationSeconds(), 1)) + " s, " + agent
                    + (pm.host.pid > 0 ? ", pid " + pm.host.pid : "") + (pm.truncated ? ", TRUNCATED" : ""), "    ");
        }
        for (String w : a.model.warnings) {
            wrap(out, "warning: " + w, "  ");
        }
        out.println();
        int crit = count(a, Severity.CRITICAL);
        int warn = count(a, Severity.WARNING);
        int info = count(a, Severity.INFO);
        if (a.findings.isEmpty()) {
            out.println("No findings: nothing oversubscribed that the rules can see.");
        } else {
            out.println(a.findings.size() + " finding" + (a.findings.size() == 1 ? "" : "s") + ": " + crit
                    + " critical, " + warn + " warning, " + info + " info");
        }
        for (Finding f : a.findings) {
            out.println();
            String head = String.format(Locale.ROOT, "%-9s %s", f.severity().label().toUpperCase(Locale.ROOT),
                    f.rule());
            out.println(head);
            wrap(out, "  " + f.title(), "  ");
            wrap(out, "  " + f.message(), "  ");
            StringBuilder ev = new StringBuilder();
            for (Map.Entry<String, Number> e : f.evidence().entrySet()) {
                if (ev.length() > 0) {
                    ev.append(", ");
                }
                ev.append(e.getKey()).append(' ').append(Fmt.num(e.getValue().doubleValue()));
            }
            wrap(out, "  evidence: " + ev, "            ");
            if (!f.location().isEmpty()) {
                wrap(out, "  at:  " + f.location(), "       ");
            }
            wrap(out, "  fix: " + f.recommendation(), "       ");
        }
        if (!a.rulesNeedingAgent.isEmpty()) {
            out.println();
            wrap(out, "Not evaluated, they need the threadguard agent's events (-javaagent:threadguard.jar): "
                    + String.join(", ", a.rulesNeedingAgent) + ".", "");
        }
        for (dev.threadguard.analyzer.rules.RuleResult r : a.skippedWithAgent()) {
            wrap(out, "Not evaluated: " + r.rule() + " (" + r.reason() + ").", "  ");
        }
        pools(a, out);
        threads(a, out);
        host(a, out);
        out.flush();
    }

    private static int count(Analysis a, Severity s) {
        int n = 0;
        for (Finding f : a.findings) {
            if (f.severity() == s) {
                n++;
            }
        }
        return n;
    }

    private static void pools(Analysis a, PrintWriter out) {
        List<Analysis.PoolRow> pools = a.poolRows(30);
        if (pools.isEmpty()) {
            return;
        }
        out.println();
        out.println("Pools (configured = max size/parallelism, created = peak threads, busy = workers");
        out.println("running a task, idle = mean idle workers, cpu = CPU share of a busy worker)");
        String fmt = "%-19s %-22s %5s %5s %5s %5s %5s %5s%n";
        out.printf(Locale.ROOT, fmt, "name", "creation site", "conf", "made", "peak", "mean", "idle", "cpu");
        int shownPools = 0;
        for (Analysis.PoolRow row : pools) {
            PoolStats p = row.pool();
            shownPools += row.count();
            String name = (a.model.multiProcess() ? (p.process + 1) + ":" : "") + (row.count() > 1 ? row.count() + "x " : "")
                    + p.label();
            out.printf(Locale.ROOT, fmt, cut(name, 19), cut(p.creationSite.isEmpty() ? "-" : p.creationSite, 22),
                    p.width() > 0 ? Integer.toString(p.width()) : "-", Integer.toString(p.peakSize()),
                    p.samples > 0 ? Integer.toString(p.peakBusy()) : "-",
                    p.samples > 0 ? Fmt.num(Fmt.round(p.meanBusy(), 1)) : "-",
                    p.samples > 0 ? Fmt.num(Fmt.round(Math.max(0, p.meanSize() - p.meanBusy()), 1)) : "-",
                    Fmt.pct(p.cpuPerBusyWorker()));
        }
        int total = a.model.pools().size();
        if (total > shownPools) {
            out.println("  ... and " + (total - shownPools) + " more pools (see --format json)");
        }
    }

    private static void threads(Analysis a, PrintWriter out) {
        out.println();
        out.println("Threads");
        for (ProcessModel pm : a.model.processes) {
            String prefix = a.model.multiProcess() ? "  " + pm.source + ": " : "  ";
            List<String> parts = new ArrayList<>();
            long peak = Math.max(pm.peakPlatformThreads, pm.jdkPeakThreads);
            if (peak >= 0) {
                parts.add("peak live Java threads " + peak);
            }
            if (pm.peakOsThreads > 0) {
                parts.add("peak OS threads " + pm.peakOsThreads);
            }
            long started = Math.max(pm.startedThreads, pm.jdkStartedThreads);
            if (started >= 0) {
                parts.add("started " + started);
            }
            if (pm.osCensusSeen) {
                parts.add("native " + pm.nativeThreads + ", JVM-internal " + pm.jvmInternalThreads);
            }
            if (!pm.cpuLoad.isEmpty()) {
                parts.add("JVM CPU mean " + Fmt.pct(pm.cpuLoad.mean("jvm")) + " max " + Fmt.pct(pm.cpuLoad.max("jvm"))
                        + " of the machine (machine mean " + Fmt.pct(pm.cpuLoad.mean("machine")) + ")");
            }
            wrap(out, prefix + (parts.isEmpty() ? "no thread statistics recorded" : String.join(", ", parts)), "    ");
            List<Analysis.Edge> edges = Analysis.edges(pm);
            if (!edges.isEmpty()) {
                out.println(prefix + "spawn tree (parent -> child):");
                int n = 0;
                for (Analysis.Edge e : edges) {
                    if (n++ == 12) {
                        out.println("    ... " + (edges.size() - 12) + " more");
                        break;
                    }
                    String w = (e.count() > 1 ? "  (" + e.count() + ")" : "")
                            + (e.outerWidth() > 0 && e.innerWidth() > 0 ? "  [" + e.outerWidth() + " x "
                                    + e.innerWidth() + " = " + (long) e.outerWidth() * e.innerWidth() + "]" : "");
                    wrap(out, "    " + e.outer() + " -" + e.how() + "-> " + e.inner() + w, "      ");
                }
            }
        }
    }

    private static void host(Analysis a, PrintWriter out) {
        out.println();
        out.println("Host");
        for (ProcessModel pm : a.model.processes) {
            HostFacts h = pm.host;
            String prefix = a.model.multiProcess() ? "  " + pm.source + ": " : "  ";
            List<String> parts = new ArrayList<>();
            parts.add("processors: JVM " + known(h.availableProcessors) + ", online " + known(h.onlineCpus)
                    + ", cores " + known(h.physicalCores) + ", sockets " + known(h.sockets));
            if (h.cpusetSize > 0) {
                parts.add("cpuset " + h.cpusetCpus + " (" + h.cpusetSize + ")");
            }
            if (h.cpuQuota > 0) {
                parts.add("CPU quota " + Fmt.num(h.cpuQuota));
            }
            if (h.activeProcessorCount > 0) {
                parts.add("-XX:ActiveProcessorCount=" + h.activeProcessorCount);
            }
            if (h.commonPoolParallelism > 0) {
                parts.add("common pool " + h.commonPoolParallelism);
            }
            if (h.fromAgent) {
                parts.add("limits: nproc " + limit(h.nprocSoft) + "/" + limit(h.nprocHard) + ", pids.max "
                        + limit(h.pidsMax) + ", threads-max " + limit(h.threadsMax) + ", pid_max " + limit(h.pidMax));
                parts.add("thread env: " + (h.threadEnvironment.isEmpty() ? "none set" : h.threadEnvironment));
            }
            if (!h.jvmVersion.isEmpty()) {
                parts.add("JVM " + h.jvmVersion);
            }
            for (String p : parts) {
                wrap(out, prefix + p, "    ");
            }
        }
    }

    private static String known(int v) {
        return v > 0 ? Integer.toString(v) : "?";
    }

    private static String limit(long v) {
        return v == -1 ? "unlimited" : v < 0 ? "?" : Long.toString(v);
    }

    static String cut(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "~";
    }

    /** Word-wraps to {@link #WIDTH} columns; long words are cut hard. */
    static void wrap(PrintWriter out, String text, String indent) {
        String s = text;
        boolean first = true;
        while (true) {
            String line = first ? s : indent + s;
            if (line.length() <= WIDTH) {
                out.println(line);
                return;
            }
            int cut = line.lastIndexOf(' ', WIDTH);
            if (cut < WIDTH / 2) {
                cut = WIDTH; // a long name: cut it hard rather than leave a short line
            }
            out.println(line.substring(0, cut).stripTrailing());
            s = line.substring(cut).stripLeading();
            first = false;
            if (s.isEmpty()) {
                return;
            }
        }
    }
}
