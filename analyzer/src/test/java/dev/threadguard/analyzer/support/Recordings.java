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

    private static final List<String> APC16 = List.of("-XX:ActiveProcessorCount=16");
    private static final List<String> APC8 = List.of("-XX:ActiveProcessorCount=8");

    private static final Map<String, Object[]> SPECS = Map.ofEntries(
            spec("sized-broken", false, () -> agent("sized-broken", SizedToCoresProgram.class, APC16, "broken")),
            spec("sized-fixed", false, () -> agent("sized-fixed", SizedToCoresProgram.class, APC16, "fixed")),
            spec("sized-saturated", false, () -> agent("sized-saturated", SizedToCoresProgram.class, APC16, "saturated")),
            spec("nested-broken", false, () -> agent("nested-broken", NestedProgram.class, List.of(), "broken")),
            spec("nested-fixed", false, () -> agent("nested-fixed", NestedProgram.class, List.of(), "fixed")),
            spec("nested-common", false, () -> agent("nested-common", NestedProgram.class, APC8, "common")),
            spec("nested-commonfixed", false, () -> agent("nested-commonfixed", NestedProgram.class, APC8, "commonfixed")),
            spec("exceed-broken", true, () -> agent("exceed-broken", ExceedProgram.class, List.of(), "broken")),
            spec("exceed-fixed", true, () -> agent("exceed-fixed", ExceedProgram.class, List.of(), "fixed")),
            spec("exceed-io", false, () -> agent("exceed-io", ExceedProgram.class, List.of(), "io")),
            spec("exceed-two-processes", true, Recordings::twoProcesses),
            spec("leak-broken", false, () -> agent("leak-broken", LeakProgram.class, List.of(), "broken")),
            spec("leak-fixed", false, () -> agent("leak-fixed", LeakProgram.class, List.of(), "fixed")),
            // root is not bound by RLIMIT_NPROC, but the agent records the limit the shell set: a limit on demand
            spec("limit-broken", false, () -> List.of(Child.recordWithAgentUnder("ulimit -u 200", "limit-broken",
                    LimitProgram.class, List.of("-Xss256k"), "broken"))),
            spec("limit-fixed", false, () -> agent("limit-fixed", LimitProgram.class, List.of(), "fixed")),
            spec("native-broken", false, () -> agent("native-broken", NativeProgram.class, List.of(), "broken")),
            spec("native-fixed", false, () -> agent("native-fixed", NativeProgram.class, List.of(), "fixed")),
            spec("small-agent", false, () -> agent("small-agent", SmallProgram.class, List.of())),
            spec("small-agent-apc", false, () -> agent("small-agent-apc", SmallProgram.class, APC8)),
            spec("small-plain", false, () -> List.of(Child.record("small-plain", SmallProgram.class, List.of()))),
            spec("small-plain-apc", false, () -> List.of(Child.record("small-plain-apc", SmallProgram.class, APC8))),
            spec("small-script", false, () -> agent("small-script", SmallProgram.class, List.of(),
                    "<script>alert('x')</script> & \"pool\"")),
            spec("churn-broken", false, () -> agent("churn-broken", ChurnProgram.class, List.of(), "broken")),
            spec("churn-fixed", false, () -> agent("churn-fixed", ChurnProgram.class, List.of(), "fixed")),
            spec("churn-async", false, () -> agent("churn-async", ChurnProgram.class, List.of("-XX:ActiveProcessorCount=2"), "async")),
            spec("reject-broken", false, () -> agent("reject-broken", RejectProgram.class, List.of(), "broken")),
            spec("reject-fixed", false, () -> agent("reject-fixed", RejectProgram.class, List.of(), "fixed")));

    private static Map.Entry<String, Object[]> spec(String name, boolean burns, Maker m) {
        return Map.entry(name, new Object[] {burns, m});
    }

    private static List<Path> agent(String name, Class<?> main, List<String> jvm, String... args) throws Exception {
        return List.of(Child.recordWithAgent(name, main, jvm, args));
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
            return Child.recordWithAgent(name, ExceedProgram.class, List.of(), "half", startAt);
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
