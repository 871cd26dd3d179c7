package dev.threadguard.analyzer.support;

import dev.threadguard.analyzer.programs.ReportProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Recordings made by the real agent for the report tests, once per test JVM, in parallel: the
 * {@link ReportProgram} (hard names, many pool shapes) and two processes of one small program together.
 */
public final class ReportRecordings {
    private ReportRecordings() {}

    private static final java.util.concurrent.ExecutorService RUNNERS = java.util.concurrent.Executors
            .newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "report-recordings");
                t.setDaemon(true);
                return t;
            });
    private static CompletableFuture<Path> program;
    private static CompletableFuture<List<Path>> twoProcesses;

    public static synchronized void start() {
        if (program != null) {
            return;
        }
        if (!Files.isRegularFile(Child.agentJar())) {
            throw new IllegalStateException("the agent jar is missing, build it first (mvn package): " + Child.agentJar());
        }
        program = CompletableFuture.supplyAsync(() -> record("report-program", ReportProgram.class,
                List.of("-XX:ActiveProcessorCount=16")), RUNNERS);
        CompletableFuture<Path> a = CompletableFuture.supplyAsync(() -> record("report-proc-a", ReportProgram.class,
                List.of(), "small"), RUNNERS);
        CompletableFuture<Path> b = CompletableFuture.supplyAsync(() -> record("report-proc-b", ReportProgram.class,
                List.of(), "small"), RUNNERS);
        twoProcesses = a.thenCombine(b, List::of);
    }

    private static Path record(String name, Class<?> main, List<String> jvm, String... args) {
        try {
            return Child.recordWithAgent(name, main, jvm, args);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** The {@link ReportProgram}'s recording. */
    public static Path program() {
        start();
        return program.join();
    }

    /** Two recordings of one program, run at the same time. */
    public static List<Path> twoProcesses() {
        start();
        return twoProcesses.join();
    }
}
