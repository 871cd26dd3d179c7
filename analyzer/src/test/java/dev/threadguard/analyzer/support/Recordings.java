package dev.threadguard.analyzer.support;

import dev.threadguard.analyzer.programs.ChurnProgram;
import dev.threadguard.analyzer.programs.ExceedProgram;
import dev.threadguard.analyzer.programs.LeakProgram;
import dev.threadguard.analyzer.programs.LimitProgram;
import dev.threadguard.analyzer.programs.NativeProgram;
import dev.threadguard.analyzer.programs.NestedProgram;
import dev.threadguard.analyzer.programs.RejectProgram;
import dev.threadguard.analyzer.programs.SizedToCoresProgram;
import dev.threadguard.analyzer.programs.SmallProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The real recordings the integration tests read, made once per test JVM. Programs that mostly sleep run
 * three at a time; programs that burn CPU run one at a time (their CPU shares are part of what is tested).
 */
public final class Recordings {
    private Recordings() {}

    private static final ExecutorService SLEEPERS = Executors.newFixedThreadPool(3, daemon());
    private static final ExecutorService BURNERS = Executors.newSingleThreadExecutor(daemon());
    private static final Map<String, CompletableFuture<List<Path>>> CACHE = new ConcurrentHashMap<>();

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "recordings");
            t.setDaemon(true);
            return t;
        };
    }

    private interface Maker {
        List<Path> make() throws Exception;
    }

    private static final Map<String, Object[]> SPECS = Map.ofEntries(
            spec("sized-broken", false, () -> one("sized-broken", SizedToCoresProgram.class,
                    List.of("-XX:ActiveProcessorCount=16"), "broken")),
            spec("sized-fixed", false, () -> one("sized-fixed", SizedToCoresProgram.class,
                    List.of("-XX:ActiveProcessorCount=16"), "fixed")),
            spec("sized-saturated", false, () -> one("sized-saturated", SizedToCoresProgram.class,
                    List.of("-XX:ActiveProcessorCount=16"), "saturated")),
            spec("nested-broken", false, () -> one("nested-broken", NestedProgram.class, List.of(), "broken")),
            spec("nested-fixed", false, () -> one("nested-fixed", NestedProgram.class, List.of(), "fixed")),
            spec("nested-common", false, () -> one("nested-common", NestedProgram.class,
                    List.of("-XX:ActiveProcessorCount=8"), "common")),
            spec("nested-commonfixed", false, () -> one("nested-commonfixed", NestedProgram.class,
                    List.of("-XX:ActiveProcessorCount=8"), "commonfixed")),
            spec("exceed-broken", true, () -> one("exceed-broken", ExceedProgram.class, List.of(), "broken")),
            spec("exceed-fixed", true, () -> one("exceed-fixed", ExceedProgram.class, List.of(), "fixed")),
            spec("exceed-io", false, () -> one("exceed-io", ExceedProgram.class, List.of(), "io")),
            spec("exceed-two-processes", true, Recordings::twoProcesses),
            spec("leak-broken", false, () -> one("leak-broken", LeakProgram.class, List.of(), "broken")),
            spec("leak-fixed", false, () -> one("leak-fixed", LeakProgram.class, List.of(), "fixed")),
            spec("limit-broken", false, () -> one("limit-broken", LimitProgram.class, List.of("-Xss256k"), "broken")),
            spec("limit-fixed", false, () -> one("limit-fixed", LimitProgram.class, List.of(), "fixed")),
            spec("native-broken", false, () -> one("native-broken", NativeProgram.class, List.of(), "broken")),
            spec("native-fixed", false, () -> one("native-fixed", NativeProgram.class, List.of(), "fixed")),
            spec("small-agent", false, () -> one("small-agent", SmallProgram.class, List.of(), "agent")),
            spec("small-agent-apc", false, () -> one("small-agent-apc", SmallProgram.class,
                    List.of("-XX:ActiveProcessorCount=8"), "agent")),
            spec("small-plain", false, () -> one("small-plain", SmallProgram.class, List.of(), "plain")),
            spec("small-plain-apc", false, () -> one("small-plain-apc", SmallProgram.class,
                    List.of("-XX:ActiveProcessorCount=8"), "plain")),
            spec("small-script", false, () -> one("small-script", SmallProgram.class, List.of(), "agent",
                    "<script>alert('x')</script> & \"pool\"")),
            spec("churn-broken", false, () -> one("churn-broken", ChurnProgram.class, List.of(), "broken")),
            spec("churn-fixed", false, () -> one("churn-fixed", ChurnProgram.class, List.of(), "fixed")),
            spec("reject-broken", false, () -> one("reject-broken", RejectProgram.class, List.of(), "broken")),
            spec("reject-fixed", false, () -> one("reject-fixed", RejectProgram.class, List.of(), "fixed")));

    private static Map.Entry<String, Object[]> spec(String name, boolean burns, Maker m) {
        return Map.entry(name, new Object[] {burns, m});
    }

    private static List<Path> one(String name, Class<?> main, List<String> jvm, String... args) throws Exception {
        return List.of(Child.record(name, main, jvm, args));
    }

    /** Two processes of one pool with 2 CPU-bound workers each, at the same time. */
    private static List<Path> twoProcesses() throws Exception {
        String at = Long.toString(System.currentTimeMillis() + 6000);
        CompletableFuture<Path> a = CompletableFuture.supplyAsync(() -> unchecked("exceed-half-a", at));
        CompletableFuture<Path> b = CompletableFuture.supplyAsync(() -> unchecked("exceed-half-b", at));
        return List.of(a.get(), b.get());
    }

    private static Path unchecked(String name, String startAt) {
        try {
            return Child.record(name, ExceedProgram.class, List.of(), "half", startAt);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static CompletableFuture<?> burnersDone;

    /**
     * Starts making every recording, once: first the CPU-burning programs one by one with nothing else
     * running (their CPU shares are what the rules judge), then the others three at a time.
     */
    public static synchronized void startAll() {
        if (burnersDone != null) {
            return;
        }
        List<CompletableFuture<?>> burners = new java.util.ArrayList<>();
        for (Map.Entry<String, Object[]> e : SPECS.entrySet()) {
            if ((Boolean) e.getValue()[0]) {
                burners.add(CACHE.computeIfAbsent(e.getKey(), n -> CompletableFuture.supplyAsync(
                        () -> make(e.getValue()), BURNERS)));
            }
        }
        burnersDone = CompletableFuture.allOf(burners.toArray(new CompletableFuture<?>[0])).exceptionally(x -> null);
        for (String name : SPECS.keySet()) {
            future(name);
        }
    }

    private static List<Path> make(Object[] spec) {
        try {
            return ((Maker) spec[1]).make();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static synchronized CompletableFuture<List<Path>> future(String name) {
        Object[] spec = SPECS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(name);
        }
        return CACHE.computeIfAbsent(name, n -> burnersDone == null
                ? CompletableFuture.supplyAsync(() -> make(spec), (Boolean) spec[0] ? BURNERS : SLEEPERS)
                : burnersDone.thenApplyAsync(x -> make(spec), SLEEPERS));
    }

    /** The recording(s) of a program, waiting for it if needed. */
    public static List<Path> get(String name) {
        startAll();
        try {
            return future(name).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("recording " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Makes just this recording (for looking at one report by hand). */
    public static List<Path> only(String name) throws Exception {
        return future(name).get();
    }

    public static Path first(String name) {
        return get(name).get(0);
    }
}
