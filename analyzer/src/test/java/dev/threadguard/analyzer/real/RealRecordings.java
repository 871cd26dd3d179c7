package dev.threadguard.analyzer.real;

import dev.threadguard.analyzer.programs.real.CaffeineAsyncProgram;
import dev.threadguard.analyzer.programs.real.CamelProgram;
import dev.threadguard.analyzer.programs.real.ClientPerRequestProgram;
import dev.threadguard.analyzer.programs.real.CoroutinesProgram;
import dev.threadguard.analyzer.programs.real.CpuBoundPoolProgram;
import dev.threadguard.analyzer.programs.real.GrpcServerProgram;
import dev.threadguard.analyzer.programs.real.H2ServerProgram;
import dev.threadguard.analyzer.programs.real.HazelcastMemberProgram;
import dev.threadguard.analyzer.programs.real.GuavaProgram;
import dev.threadguard.analyzer.programs.real.HttpAsyncClientProgram;
import dev.threadguard.analyzer.programs.real.HikariProgram;
import dev.threadguard.analyzer.programs.real.JettyServerProgram;
import dev.threadguard.analyzer.programs.real.Log4jAsyncProgram;
import dev.threadguard.analyzer.programs.real.LuceneProgram;
import dev.threadguard.analyzer.programs.real.ReactorSchedulersProgram;
import dev.threadguard.analyzer.programs.real.TomcatServerProgram;
import dev.threadguard.analyzer.programs.real.NettyServerProgram;
import dev.threadguard.analyzer.programs.real.OkHttpProgram;
import dev.threadguard.analyzer.programs.real.PekkoProgram;
import dev.threadguard.analyzer.programs.real.QuartzProgram;
import dev.threadguard.analyzer.programs.real.UndertowServerProgram;
import dev.threadguard.analyzer.programs.real.VertxProgram;
import dev.threadguard.analyzer.support.Child;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The real-library programs, each run once per test JVM under the built agent (period 250 ms) with
 * the libraries of the test class path; tests share the recordings. Two run at a time.
 */
public final class RealRecordings {
    private RealRecordings() {}

    /** Program name → main class and JVM options. */
    public static final Map<String, Object[]> PROGRAMS = new LinkedHashMap<>();

    static {
        PROGRAMS.put("h2", new Object[] {H2ServerProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("hazelcast", new Object[] {HazelcastMemberProgram.class, List.of("-XX:ActiveProcessorCount=64")});
        PROGRAMS.put("jetty", new Object[] {JettyServerProgram.class, List.of()});
        PROGRAMS.put("undertow", new Object[] {UndertowServerProgram.class, List.of()});
        // 16 in-JVM clients, each one request per 50 ms: a paced load far below what Tomcat serves on 2 CPUs
        PROGRAMS.put("tomcat", new Object[] {TomcatServerProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        // the same at one request per client every 5 ms: the JIT compiles Tomcat's and the clients' code all the run
        PROGRAMS.put("tomcat-5ms", new Object[] {TomcatServerProgram.class, List.of("-XX:ActiveProcessorCount=2", "-Dpause=5")});
        PROGRAMS.put("cpu-bound", new Object[] {CpuBoundPoolProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("client-per-request", new Object[] {ClientPerRequestProgram.class, List.of()});
        PROGRAMS.put("reactor", new Object[] {ReactorSchedulersProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        // Netty's default worker group at 8 processors: 16 event loops, one paced client each
        PROGRAMS.put("netty", new Object[] {NettyServerProgram.class, List.of("-XX:ActiveProcessorCount=8")});
        // the same server whose handlers compute 10 ms per echo on their loops, 16 clients without a pause; on a
        // crowded machine it runs on (at most 15 s) until 4 seconds had other processes use less than half of it
        PROGRAMS.put("netty-hot", new Object[] {NettyServerProgram.class,
            List.of("-XX:ActiveProcessorCount=8", "-Dwork=10", "-Dpause=0", "-DquietSeconds=4", "-DmaxMillis=15000")});
        // kotlinx.coroutines' defaults: Dispatchers.IO holding 200 blocked calls, Dispatchers.Default computing
        // one task per processor, which fits the 2
        PROGRAMS.put("coroutines", new Object[] {CoroutinesProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        // a Caffeine async cache on 2 processors: the common pool's parallelism is 1, so CompletableFuture starts
        // a thread per load; with the common pool's parallelism set to 2 (the finding's second fix) it runs them there
        PROGRAMS.put("caffeine", new Object[] {CaffeineAsyncProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("caffeine-common-2", new Object[] {CaffeineAsyncProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")});
        // a gRPC server with its defaults, 16 in-JVM clients each one call per 5 ms
        PROGRAMS.put("grpc", new Object[] {GrpcServerProgram.class, List.of()});
        // OkHttp 5: 8 paced callers enqueueing on one shared client; then a new client per call (the classic leak)
        PROGRAMS.put("okhttp", new Object[] {OkHttpProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("okhttp-per-request", new Object[] {OkHttpProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Dmode=per-request")});
        // HikariCP on in-memory H2: 16 paced callers on one data source; then a data source per query, never closed
        PROGRAMS.put("hikari", new Object[] {HikariProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("hikari-per-request", new Object[] {HikariProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Dmode=per-request")});
        // Vert.x 4 at 8 processors: 16 event loops (8 serving), a worker pool of 20, 6 paced clients; then a
        // Vertx instance per call, never closed
        PROGRAMS.put("vertx", new Object[] {VertxProgram.class, List.of("-XX:ActiveProcessorCount=8")});
        PROGRAMS.put("vertx-per-request", new Object[] {VertxProgram.class,
            List.of("-XX:ActiveProcessorCount=8", "-Dmode=per-request")});
        // Pekko's default dispatcher under 6 paced askers: 8 threads (its minimum) at 2 processors, 64 at 64
        PROGRAMS.put("pekko", new Object[] {PekkoProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("pekko-64", new Object[] {PekkoProgram.class, List.of("-XX:ActiveProcessorCount=64")});
        // Quartz's defaults: one scheduler, 4 jobs every 100 ms on its 10 workers; then a scheduler per job, never shut down
        PROGRAMS.put("quartz", new Object[] {QuartzProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("quartz-per-request", new Object[] {QuartzProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Dmode=per-request")});
        // Apache HttpClient 5's async client, a library the knob table does not list: one shared client at 2
        // processors; a client per call never closed; one client at 64 processors (64 I/O dispatcher threads)
        PROGRAMS.put("httpclient5", new Object[] {HttpAsyncClientProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("httpclient5-per-request", new Object[] {HttpAsyncClientProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Dmode=per-request")});
        PROGRAMS.put("httpclient5-64", new Object[] {HttpAsyncClientProgram.class, List.of("-XX:ActiveProcessorCount=64")});
        // Lucene 9.12: 2 paced indexers, the ConcurrentMergeScheduler's merge threads, a searcher with a pool of 2
        // for its 4 slices; then that pool sized to 16 processors; then a pool and searcher per query
        PROGRAMS.put("lucene", new Object[] {LuceneProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("lucene-sized-to-cores", new Object[] {LuceneProgram.class,
            List.of("-XX:ActiveProcessorCount=16", "-Dmode=sized-to-cores")});
        PROGRAMS.put("lucene-per-query", new Object[] {LuceneProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Dmode=per-query", "-Ddocs=2000")});
        // Guava 33: a listeningDecorator pool of 4 named threads and an AsyncEventBus on 2; then the pool sized to 16
        PROGRAMS.put("guava", new Object[] {GuavaProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("guava-sized-to-cores", new Object[] {GuavaProgram.class,
            List.of("-XX:ActiveProcessorCount=16", "-Dmode=sized-to-cores")});
        // Log4j 2.25 async loggers (LMAX Disruptor 4): 8 request threads logging, one background thread writing
        PROGRAMS.put("log4j-async", new Object[] {Log4jAsyncProgram.class, List.of("-XX:ActiveProcessorCount=2",
            "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector")});
        // Camel 4.14: timer -> seda (2 consumers), direct -> threads(4), 4 paced callers on one ProducerTemplate's
        // async sends; then a ProducerTemplate per order, never stopped
        PROGRAMS.put("camel", new Object[] {CamelProgram.class, List.of("-XX:ActiveProcessorCount=2")});
        PROGRAMS.put("camel-per-request", new Object[] {CamelProgram.class,
            List.of("-XX:ActiveProcessorCount=2", "-Dmode=per-request")});
    }

    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "real-library-runs");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, CompletableFuture<Path>> RUNS = new ConcurrentHashMap<>();

    /** Starts every program (two at a time); {@link #recording} then waits for one. */
    public static void startAll() {
        PROGRAMS.keySet().forEach(RealRecordings::start);
    }

    /** The recording of one program (see {@link #PROGRAMS}), run on first use. */
    public static Path recording(String program) throws Exception {
        return start(program).get();
    }

    private static CompletableFuture<Path> start(String program) {
        Object[] p = PROGRAMS.get(program);
        if (p == null) {
            throw new IllegalArgumentException("no program " + program + " in " + PROGRAMS.keySet());
        }
        return RUNS.computeIfAbsent(program, k -> CompletableFuture.supplyAsync(() -> {
            try {
                @SuppressWarnings("unchecked")
                List<String> jvm = (List<String>) p[1];
                return run("real-" + k, (Class<?>) p[0], jvm);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, RUNNERS));
    }

    private static Path run(String name, Class<?> main, List<String> jvmArgs) throws Exception {
        Path jfr = Child.workDir().resolve(name + ".jfr");
        Files.deleteIfExists(jfr);
        List<String> cmd = new ArrayList<>();
        cmd.add(Child.java());
        cmd.addAll(jvmArgs);
        cmd.add("-javaagent:" + Child.agentJar() + "=file=" + jfr + ",period=250ms");
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(main.getName());
        Child.run(name, cmd);
        if (!Files.exists(jfr) || Files.size(jfr) == 0) {
            throw new IllegalStateException("the agent wrote no recording for " + name);
        }
        return jfr;
    }

    /** The test class path with the libraries (surefire passes it in a property: its own is a manifest jar). */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp + File.pathSeparator + Child.classPath();
    }
}
