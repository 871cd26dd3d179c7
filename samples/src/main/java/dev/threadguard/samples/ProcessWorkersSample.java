package dev.threadguard.samples;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003: a coordinator starting several worker JVMs (the Java ProcessPoolExecutor), each of
 * which sizes its math pool to the whole machine, so W processes x availableProcessors() threads
 * compete for the same cores. {@code --fixed}: one math thread per worker.
 *
 * <p>Workers run with the same java and class path. When this JVM runs under the threadguard
 * agent, each worker gets the agent too (from {@code JAVA_TOOL_OPTIONS}, which children inherit, or
 * by repeating this JVM's {@code -javaagent} option) with a recording file of its own
 * ({@code threadguard-%p.jfr}: %p is the worker's pid), so the analyzer can read them all together.
 */
public final class ProcessWorkersSample {
    public static void main(String[] argv) {
        Samples.launch(argv, ProcessWorkersSample::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("process-workers", argv);
        boolean fixed = a.flag("fixed", "one math thread per worker process");
        int cpus = Runtime.getRuntime().availableProcessors();
        int workers = a.intValue("workers", Math.max(2, cpus - 1), "worker processes (cores - 1, at least 2)");
        int symbols = a.intValue("symbols", 12, "symbols, split across the workers");
        int windows = a.intValue("windows", 1200, "rolling windows per symbol");
        a.done("Seed 003: worker JVMs each with a full-width pool, vs one thread per worker.");
        if (workers == 0) throw new Args.UsageException("process-workers: --workers must be at least 1");

        int threadsPerWorker = fixed ? 1 : cpus; // broken: every worker sizes its pool to the machine
        List<String> base = workerCommandPrefix();
        System.out.printf("process-workers (%s): availableProcessors()=%d, %d worker JVMs x %d math threads = %d compute threads%s%n",
                fixed ? "fixed" : "broken", cpus, workers, threadsPerWorker, workers * threadsPerWorker,
                agentNote());

        long t0 = System.nanoTime();
        List<Process> procs = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int mine = symbols / workers + (w < symbols % workers ? 1 : 0);
            List<String> cmd = new ArrayList<>(base);
            cmd.addAll(List.of(FeatureWorker.class.getName(), "--id", String.valueOf(w), "--threads", String.valueOf(threadsPerWorker),
                    "--symbols", String.valueOf(mine), "--windows", String.valueOf(windows)));
            Path output = Files.createTempFile("feature-worker-" + w + "-", ".log");
            output.toFile().deleteOnExit();
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
            procs.add(pb.start());
            outputs.add(output);
        }
        Table t = new Table("Worker", "PID", "Math threads", "Matrices", "Time (ms)", "OS threads");
        int failed = 0;
        for (int w = 0; w < workers; w++) {
            final Process proc = procs.get(w);
            int rc = proc.waitFor();
            String out = Files.readString(outputs.get(w), StandardCharsets.UTF_8);
            Files.deleteIfExists(outputs.get(w));
            String line = out.lines().filter(l -> l.startsWith("worker:")).findFirst().orElse(null);
            if (rc != 0 || line == null) {
                failed++;
                System.err.println("worker " + w + " failed (exit " + rc + "):\n" + out);
                continue;
            }
            out.lines().filter(l -> !l.startsWith("worker:")).forEach(l -> System.out.println("  [worker " + proc.pid() + "] " + l));
            t.row(w, field(line, "pid"), field(line, "threads"), field(line, "matrices"), field(line, "ms"), field(line, "os_threads"));
        }
        double wallMs = (System.nanoTime() - t0) / 1e6;
        t.print(System.out);
        long matrices = (long) symbols * windows;
        System.out.printf("result: sample=process-workers mode=%s workers=%d threads_per_worker=%d compute_threads=%d wall_ms=%.0f matrices_per_s=%.1f failed=%d%n",
                fixed ? "fixed" : "broken", workers, threadsPerWorker, workers * threadsPerWorker, wallMs, matrices / (wallMs / 1000), failed);
        if (failed > 0) System.exit(1);
    }

    private static String field(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) return part.substring(key.length() + 1);
        }
        return "?";
    }

    /** java, the agent (if this JVM has it and children would not inherit it), processor count, class path. */
    static List<String> workerCommandPrefix() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String toolOptions = System.getenv("JAVA_TOOL_OPTIONS");
        boolean inherited = toolOptions != null && toolOptions.contains("-javaagent:");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:") && !inherited) {
                cmd.add(perProcessRecording(arg));
            } else if (arg.startsWith("-XX:ActiveProcessorCount=") && (toolOptions == null || !toolOptions.contains(arg))) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    /**
     * Repeats a {@code -javaagent:jar=options} for a worker, with a recording of its own: a file
     * option with %p is kept; a file without %p becomes NAME-%p.jfr beside it; no file stays the
     * agent's default (threadguard-%p.jfr).
     */
    static String perProcessRecording(String javaagent) {
        int eq = javaagent.indexOf('=');
        if (eq < 0) return javaagent;
        String jar = javaagent.substring(0, eq);
        String[] opts = javaagent.substring(eq + 1).split(",");
        StringBuilder b = new StringBuilder(jar).append('=');
        for (int i = 0; i < opts.length; i++) {
            String o = opts[i];
            if (o.startsWith("file=") && !o.contains("%p")) {
                Path f = Paths.get(o.substring(5));
                String name = f.getFileName().toString();
                String stem = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
                Path dir = f.getParent();
                o = "file=" + (dir == null ? "" : dir + File.separator) + stem + "-worker-%p.jfr";
            }
            b.append(i == 0 ? "" : ",").append(o);
        }
        return b.toString();
    }

    private static String agentNote() {
        String toolOptions = System.getenv("JAVA_TOOL_OPTIONS");
        if (toolOptions != null && toolOptions.contains("-javaagent:")) return "; workers inherit the agent via JAVA_TOOL_OPTIONS";
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:")) return "; workers get this JVM's -javaagent, one recording each";
        }
        return "";
    }
}
