package dev.threadguard.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in four JVM setups within one run, so the ratios compare like with like:
 * plain java, plain JFR (the floor for any JFR-based agent), the agent without a recording (its
 * instrumentation alone), and the agent with its own recording (what users run).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar AGENT_JAR [forks] [iterations] [seconds]}
 */
public final class AgentOverhead {
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !new File(args[0]).isFile()) {
            System.err.println("usage: java -jar benchmarks.jar path/to/threadguard.jar [forks] [iterations] [seconds]");
            System.exit(2);
        }
        String agent = new File(args[0]).getAbsolutePath();
        int forks = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path tmp = Files.createTempDirectory("threadguard-bench");
        Map<String, String[]> setups = new LinkedHashMap<>();
        setups.put("plain", new String[0]);
        setups.put("jfr", new String[] {"-XX:StartFlightRecording=filename=" + tmp.resolve("jfr-%p.jfr")});
        setups.put("agent-norec", new String[] {"-javaagent:" + agent + "=recording=never"});
        setups.put("agent", new String[] {"-javaagent:" + agent + "=file=" + tmp.resolve("tg-%p.jfr")});

        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> setup : setups.entrySet()) {
            String only = System.getProperty("threadguard.bench.include");
            ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(only != null ? only : PoolThroughput.class.getName())
                .include(only != null ? only : ThreadChurn.class.getName())
                .include(only != null ? only : PoolChurn.class.getName())
                .forks(forks)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend(setup.getValue());
            Collection<RunResult> results = new Runner(opts.build()).run();
            for (RunResult r : results) {
                String bench = r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
                scores.computeIfAbsent(bench, k -> new LinkedHashMap<>())
                    .put(setup.getKey(), new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-34s %-12s %14s %12s %10s %10s", "benchmark", "setup", "score", "error", "vs plain", "vs jfr"));
        for (Map.Entry<String, Map<String, double[]>> b : scores.entrySet()) {
            double plain = b.getValue().get("plain")[0];
            double jfr = b.getValue().get("jfr")[0];
            for (Map.Entry<String, double[]> s : b.getValue().entrySet()) {
                lines.add(String.format(Locale.ROOT, "%-34s %-12s %14.1f %12.1f %10.3f %10.3f", b.getKey(), s.getKey(),
                    s.getValue()[0], s.getValue()[1], s.getValue()[0] / plain, s.getValue()[0] / jfr));
            }
        }
        System.out.println();
        System.out.println("threadguard agent overhead (score = ops per time unit, higher is better; ratio 1.000 = no cost)");
        lines.forEach(System.out::println);
    }
}
