package dev.threadguard.analyzer.cli;

import com.sun.tools.attach.VirtualMachine;
import dev.threadguard.analyzer.live.LiveFindings;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.EventStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code watch PID}: reads a running JVM's recording as it is written (its JFR repository, streamed)
 * and prints each finding when it first holds and when it clears. Loads the agent first when it is
 * given ({@code --agent}) and the JVM has none; the agent starts a recording if none runs.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print findings of a running JVM as they begin and end (JFR streaming from its repository).")
public final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Parameters(index = "0", paramLabel = "PID", description = "the JVM to watch (same user)")
    long pid;

    @Option(names = "--agent", paramLabel = "JAR", description = "threadguard.jar to load into the JVM (no effect if it runs already)")
    Path agent;

    @Option(names = "--window", paramLabel = "SECONDS", description = "samples older than this are forgotten (default 60)")
    int windowSeconds = 60;

    @Option(names = "--for", paramLabel = "SECONDS", description = "stop after this long (default: until the JVM exits)")
    int forSeconds;

    @Option(names = "--threshold", paramLabel = "RULE.NAME=VALUE", description = "override a rule threshold (repeatable)")
    List<String> thresholds = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Rule> rules = Rules.all();
        Thresholds t = Thresholds.defaults(rules);
        for (String s : thresholds) {
            try {
                t.override(s);
            } catch (IllegalArgumentException e) {
                err.println("threadguard: " + e.getMessage());
                return Main.USAGE;
            }
        }
        if (agent != null && !Files.isRegularFile(agent)) {
            err.println("threadguard: no agent jar at " + agent);
            return Main.USAGE;
        }
        Path repository;
        try {
            repository = repository(pid, agent);
        } catch (Exception e) {
            err.println("threadguard: cannot watch " + pid + ": " + Main.oneLine(e));
            return Main.USAGE;
        }
        if (repository == null) {
            err.println("threadguard: " + pid + " records nothing to a disk repository; start it with the agent or -XX:StartFlightRecording, or pass --agent");
            return Main.USAGE;
        }
        err.println("threadguard: watching " + pid + " (" + repository + ")");
        err.flush();
        LiveFindings live = new LiveFindings(rules, t, Duration.ofSeconds(windowSeconds));
        try (EventStream es = EventStream.openRepository(repository)) {
            es.setReuse(false);
            es.setOrdered(false);
            // from the start of what the repository holds: the pools created before we came
            es.setStartTime(Instant.EPOCH);
            for (String type : live.eventTypes()) {
                es.onEvent(type, live::accept);
            }
            es.startAsync();
            long end = forSeconds > 0 ? System.nanoTime() + forSeconds * 1_000_000_000L : Long.MAX_VALUE;
            while (System.nanoTime() < end && alive(pid)) {
                Thread.sleep(250);
                print(out, live.evaluate(Instant.now()));
            }
            Thread.sleep(500);
            print(out, live.evaluate(Instant.now()));
        }
        out.flush();
        return Main.OK;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void print(PrintWriter out, List<LiveFindings.Change> changes) {
        for (LiveFindings.Change c : changes) {
            out.println(LocalTime.ofInstant(c.at(), ZoneId.systemDefault()).format(TIME) + " " + c.line());
            if (c.found() && !c.fix().isEmpty()) {
                out.println("         fix: " + c.fix());
            }
        }
        out.flush();
    }

    /**
     * Loads the agent, again for up to 3 s when the JVM refuses the load: one attached to in its first
     * moments can fail loading java.instrument (JDK 17 answered "Failed to load agent library:
     * java.lang.NullPointerException" to a watch started with the JVM, once in a CI run) and take it later.
     */
    static void loadAgent(VirtualMachine vm, String jar) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            try {
                vm.loadAgent(jar, "");
                return;
            } catch (com.sun.tools.attach.AgentLoadException e) {
                // a jar the JVM cannot use ("Agent JAR not found ...") fails the same way every time
                if (System.nanoTime() > deadline || !e.getMessage().startsWith("Failed to load agent library")) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** The JVM's JFR repository, after loading the agent if asked; null when it records nothing to disk. */
    static Path repository(long pid, Path agentJar) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            if (agentJar != null) {
                // a second load is a no-op in the agent: it claims the JVM once
                loadAgent(vm, agentJar.toAbsolutePath().toString());
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                Properties p = vm.getSystemProperties();
                String repo = p.getProperty("jdk.jfr.repository");
                if (repo != null && !repo.isEmpty()) {
                    return Path.of(repo);
                }
                if (agentJar == null || System.nanoTime() > deadline) {
                    return null;
                }
                Thread.sleep(200);
            }
        } finally {
            vm.detach();
        }
    }
}
