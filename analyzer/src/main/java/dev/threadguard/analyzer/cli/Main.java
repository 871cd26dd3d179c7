package dev.threadguard.analyzer.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of threadguard-analyzer.jar. {@link #run} takes the writers and returns the exit code, so the
 * commands are testable without exiting the JVM: 0 fine, 1 findings at or above --fail-on, 2 usage or bad
 * input.
 */
@Command(name = "threadguard", mixinStandardHelpOptions = true, version = "threadguard analyzer 0.1.0",
        description = "Finds JVM thread oversubscription in JFR recordings.",
        subcommands = {ReportCommand.class, RulesCommand.class, HostCommand.class, CensusCommand.class, WatchCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: report, rules or host");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("threadguard: " + ex.getMessage());
            err.println("usage: threadguard report [--format " + dev.threadguard.analyzer.report.Renderers.formats()
                    + "] [--out FILE] [--source-root DIR] "
                    + "[--fail-on info|warning|critical] [--threshold rule.name=value]... [--verbose] FILE.jfr...");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("threadguard: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (parsed.hasMatchedOption("--verbose")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
