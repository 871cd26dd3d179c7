package dev.threadguard.analyzer.cli;

import dev.threadguard.analyzer.host.CensusFile;
import dev.threadguard.analyzer.host.HostCensus;
import dev.threadguard.analyzer.host.HostSnapshot;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code census --root PID --out FILE}: the census of a run, taken every period while PID lives (what
 * {@code threadguard run} starts beside the command), one JSON line per census.
 */
@Command(name = "census", mixinStandardHelpOptions = true, hidden = true,
        description = "Record the processes of a run (PID and its descendants) every period until PID exits.")
public final class CensusCommand implements Callable<Integer> {
    @Option(names = "--root", required = true, paramLabel = "PID", description = "the run's first process")
    long root;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "census file to append to (JSON lines)")
    Path out;

    @Option(names = "--every", paramLabel = "MILLIS", description = "period in milliseconds (default 1000)")
    long everyMillis = 1000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (everyMillis < 100) {
            spec.commandLine().getErr().println("threadguard: --every must be at least 100 ms");
            return Main.USAGE;
        }
        HostCensus census = new HostCensus();
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (true) {
                HostSnapshot s = census.take(root);
                boolean alive = s.processes.stream().anyMatch(p -> p.pid == root);
                if (!alive && ProcessHandle.of(root).map(ProcessHandle::isAlive).orElse(false) == false) {
                    return Main.OK;
                }
                CensusFile.append(w, s);
                Thread.sleep(everyMillis);
            }
        }
    }
}
