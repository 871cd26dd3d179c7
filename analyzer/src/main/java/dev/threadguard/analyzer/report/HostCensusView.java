package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.host.HostSnapshot;
import dev.threadguard.analyzer.host.WorkerGroups;
import dev.threadguard.analyzer.rules.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The host around the recordings, from the census {@code threadguard run} takes beside them (--census):
 * the machine, and worker processes of one program side by side (JVMs or not) with their threads and the
 * CPU and run-queue wait the OS measured. Empty without a census.
 */
public final class HostCensusView {
    public final List<ProcessView.Fact> facts = new ArrayList<>();
    public final List<Row> workers = new ArrayList<>();

    /** One program's worker processes: how many at once, threads, CPU and wait in seconds, wait share. */
    public record Row(String program, String runtime, int processes, int threadsPerProcess, int threads,
            String cpuSeconds, String waitSeconds, String waitShare) {}

    HostCensusView(List<HostSnapshot> census) {
        if (census.isEmpty()) {
            return;
        }
        HostSnapshot last = census.get(census.size() - 1);
        facts.add(new ProcessView.Fact("host", (last.hostname.isEmpty() ? "" : Names.visible(last.hostname) + ", ")
                + last.logicalProcessors + " logical processors, " + last.physicalCores + " cores"
                + (last.cpusetSize > 0 ? ", cpuset " + last.cpusetSize : "")));
        int peakProcesses = census.stream().mapToInt(s -> s.hostProcesses).max().orElse(0);
        int peakThreads = census.stream().mapToInt(s -> s.hostThreads).max().orElse(0);
        facts.add(new ProcessView.Fact("census", census.size() + " snapshot" + (census.size() == 1 ? "" : "s")
                + ", at most " + peakProcesses + " processes and " + peakThreads + " threads on the host"));
        for (WorkerGroups.Group g : WorkerGroups.of(census)) {
            workers.add(new Row(Names.visible(g.program), Names.visible(g.runtime), g.processes, g.threadsPerProcess,
                    g.threads, Fmt.num(Fmt.round(g.cpuSeconds, 1)), Fmt.num(Fmt.round(g.runQueueWaitSeconds, 1)),
                    Fmt.pct(g.waitShare())));
        }
    }

    public boolean isEmpty() {
        return facts.isEmpty();
    }
}
