package dev.threadguard.samples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dispatcher main of the samples jar: {@code java -jar threadguard-samples.jar rollout --fixed}.
 * Each sample also has its own main class.
 */
public final class Samples {
    interface Main {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Main> SAMPLES = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        add("rollout", RolloutSample::run, "seed 000: pool sized to availableProcessors() for a few environments");
        add("nested", NestedSample::run, "seed 001: a ForkJoinPool / parallel stream inside every worker of a pool");
        add("pool-manager", PoolManagerSample::run, "seed 002: subsystem pools whose shares add up past the cores");
        add("process-workers", ProcessWorkersSample::run, "seed 003: worker JVMs, each with a full-width pool");
        add("thread-limit", ThreadLimitSample::run, "seed 004: a thread per request until 'unable to create native thread'");
        add("native-threads", NativeThreadsSample::run, "seeds 001/003 native: ONNX Runtime intra-op pools per Java worker");
    }

    private static void add(String name, Main main, String help) {
        SAMPLES.put(name, main);
        HELP.put(name, help);
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            usage();
            System.exit(argv.length == 0 ? 2 : 0);
        }
        Main m = SAMPLES.get(argv[0]);
        if (m == null) {
            System.err.println("threadguard-samples: unknown sample '" + argv[0] + "' (one of " + String.join(", ", SAMPLES.keySet()) + ")");
            System.exit(2);
        }
        launch(Arrays.copyOfRange(argv, 1, argv.length), m);
    }

    /** Runs one sample: a usage error is one stderr line and exit code 2, never a stack trace. */
    static void launch(String[] args, Main main) {
        try {
            main.run(args);
        } catch (Args.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("sample failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void usage() {
        System.out.println("usage: java -jar threadguard-samples.jar SAMPLE [--fixed] [options]   (SAMPLE --help for options)");
        HELP.forEach((k, v) -> System.out.printf("  %-16s %s%n", k, v));
    }
}
