package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.MetricsProgram;
import testapp.OwnMicrometerProgram;

/** The agent's Prometheus endpoint scraped by a real Prometheus server, and the binder in apps with their own Micrometer. */
class MetricsIT {
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.e+]+,\"([^\"]+)\"\\]");

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> jdks() {
        return AgentRun.jdks();
    }

    private static String java() {
        return AgentRun.jdks().findFirst().orElseThrow();
    }

    @Test
    void prometheusScrapesTheAgentAndPromQlFindsEveryPoolWithItsValues() throws Exception {
        Path prometheus = Path.of("/usr/bin/prometheus");
        assertTrue(Files.isExecutable(prometheus), "Debian's prometheus is needed: apt-get install prometheus (.ci/run installs it)");
        List<String> cmd = AgentRun.command(java(), "recording=never,prometheus=0", List.of("-XX:ActiveProcessorCount=8"),
            AgentRun.testClasses(), MetricsProgram.class);
        try (LiveChild app = new LiveChild(cmd, dir)) {
            app.awaitStdout("ready", 60);
            String[] endpoint = app.awaitEndpoint(60);
            assertEquals("127.0.0.1", endpoint[0], "loopback unless a host is named");
            Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['127.0.0.1:" + endpoint[1] + "']\n");
            int webPort = 0;
            Process server = null;
            for (int attempt = 0; server == null && attempt < 5; attempt++) {
                webPort = freePort();
                server = startPrometheus(prometheus, webPort);
            }
            assertTrue(server != null, "prometheus did not start on a free port in 5 attempts: " + Files.readString(dir.resolve("prometheus.log")));
            try {
                Api api = new Api(webPort, dir.resolve("prometheus.log"));
                String sized = "MetricsProgram.main:" + lineOf(MetricsProgram.class, "SIZED-POOL") + " fixed(8)";
                String bounded = "MetricsProgram.main:" + lineOf(MetricsProgram.class, "BOUNDED-POOL") + " executor(2..5)";
                String s = "{job=\"app\",pool=\"" + sized + "\",kind=\"ThreadPoolExecutor\",size_origin=\"processors\"}";
                api.expect("executor_pool_size_threads" + s, 8);
                api.expect("executor_pool_core_threads" + s, 8);
                api.expect("executor_pool_max_threads" + s, 8);
                api.expect("executor_active_threads" + s, 3);
                api.expect("threadguard_executor_idle_threads" + s, 5);
                api.expect("executor_completed_tasks_total" + s, 5);
                api.expect("executor_queued_tasks" + s, 0);
                String b = "{pool=\"" + bounded + "\",size_origin=\"configured\"}";
                api.expect("executor_pool_size_threads" + b, 2);
                api.expect("executor_pool_max_threads" + b, 5);
                api.expect("executor_active_threads" + b, 2);
                api.expect("executor_queued_tasks" + b, 3);
                api.expect("sum(executor_active_threads{kind=\"ThreadPoolExecutor\"})", 5);
                api.expect("count(executor_pool_size_threads{size_origin=\"processors\",kind=\"ThreadPoolExecutor\"})", 1);
                api.expect("threadguard_processors{source=\"available\"}", 8);
                api.expect("threadguard_processors{source=\"online\"}", Runtime.getRuntime().availableProcessors());
                api.expect("threadguard_process_threads{kind=\"os\"} > bool ignoring(kind) threadguard_process_threads{kind=\"java\"}", 1);
                api.expect("threadguard_process_run_queue_wait_seconds_total >= bool 0", 1);
                api.expect("threadguard_process_threads{kind=\"native\"}", 0);
                api.expect("threadguard_process_threads{kind=\"jvm\"} > bool 0", 1);
                api.expect("count(threadguard_executor_run_queue_wait_seconds_total{pool=\"" + sized + "\"} >= 0)", 1);
                api.expect("count(threadguard_thread_limit_threads > 0)", 1);
            } finally {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    /**
     * JDK 25 (a source-launched program using the FFM API): three threads made by libc's
     * pthread_create are counted as native threads, exactly; a pool of 4 spinning workers on this
     * machine's CPUs waits on the run queue, an idle pool hardly.
     */
    @Test
    void nativeThreadsAndEachPoolsRunQueueWaitAreMeters() throws Exception {
        String java25 = AgentRun.jdks().filter(j -> j.contains("temurin-25")).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(java25 != null || System.getenv("CI") != null, "JDK 25 not installed");
        assertTrue(java25 != null, "CI runs this on JDK 25 (/usr/lib/jvm/temurin-25-jdk-amd64)");
        Path source = Path.of(System.getProperty("threadguard.test.sources", "src/test/java")).resolveSibling("jdk25")
            .resolve("NativeWorkers.java").toAbsolutePath();
        List<String> cmd = List.of(java25, "--enable-native-access=ALL-UNNAMED", "-javaagent:" + AgentRun.agentJar()
            + "=recording=never,prometheus=0", source.toString(), "3");
        try (LiveChild app = new LiveChild(cmd, dir)) {
            app.awaitStdout("ready", 90);
            String[] endpoint = app.awaitEndpoint(60);
            String spin = "NativeWorkers.main:" + lineOf(source, "SPIN-POOL") + " fixed(4)";
            String idle = "NativeWorkers.main:" + lineOf(source, "IDLE-POOL") + " fixed(2)";
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String text = "";
            double nativeThreads = -1;
            double spinWait = -1;
            double idleWait = -1;
            // a new OS thread counts as native from its second look (until then it may be a Java thread starting)
            while (System.nanoTime() < deadline && !(nativeThreads == 3 && spinWait > 0.5)) {
                text = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint[0] + ":" + endpoint[1] + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
                nativeThreads = sample(text, "threadguard_process_threads", "kind=\"native\"");
                spinWait = sample(text, "threadguard_executor_run_queue_wait_seconds_total", "pool=\"" + spin + "\"");
                idleWait = sample(text, "threadguard_executor_run_queue_wait_seconds_total", "pool=\"" + idle + "\"");
                Thread.sleep(500);
            }
            assertEquals(3, nativeThreads, text);
            assertTrue(spinWait > 0.5, "4 spinning workers on " + Runtime.getRuntime().availableProcessors() + " CPUs: " + text);
            assertTrue(idleWait >= 0 && idleWait < spinWait / 10, "the idle pool hardly waits: " + text);
            assertTrue(sample(text, "threadguard_process_threads", "kind=\"jvm\"") > 0, text);
            assertEquals(List.of(), problems(app.stderr()), "nothing on stderr but the endpoint line");
        }
    }

    /** The value of a series whose labels include {@code label}, or -1. */
    private static double sample(String scrape, String name, String label) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void appWithItsOwnMicrometerKeepsWorkingAndTheBinderPublishesTheAgentsPools(String java) throws Exception {
        AgentRun run = own(java, "recording=never,prometheus=0", false);
        assertEquals(0, run.exitCode, run.stdout + run.stderr);
        assertTrue(run.stdout.contains("micrometer-core-1.12.13.jar"), "the app's own Micrometer is the one it uses: " + run.stdout);
        assertTrue(run.stdout.contains("agent=true"), run.stdout);
        assertTrue(run.stdout.contains("orders=6.0"), run.stdout);
        String scrape = scrape(run.stdout);
        String pool = "OwnMicrometerProgram.main:" + lineOf(OwnMicrometerProgram.class, "APP-POOL") + " fixed(3)";
        assertTrue(scrape.contains("orders_placed_total 6.0"), scrape);
        assertTrue(scrape.contains("threadguard_executor_pool_size_threads{kind=\"ThreadPoolExecutor\",pool=\"" + pool
            + "\",size_origin=\"configured\",} 3.0"), scrape);
        assertTrue(scrape.contains("threadguard_executor_completed_tasks_total{kind=\"ThreadPoolExecutor\",pool=\"" + pool
            + "\",size_origin=\"configured\",} 6.0"), scrape);
        assertTrue(scrape.contains("threadguard_process_threads{kind=\"os\",}"), scrape);
        assertEquals(List.of(), problems(run.stderr), "nothing on stderr but the agent's endpoint line");
    }

    @Test
    void besideExecutorServiceMetricsNoMeterIsDuplicatedOrClashes() throws Exception {
        AgentRun run = own(java(), "recording=never", true);
        assertEquals(0, run.exitCode, run.stdout + run.stderr);
        String scrape = scrape(run.stdout);
        String pool = "OwnMicrometerProgram.main:" + lineOf(OwnMicrometerProgram.class, "APP-POOL") + " fixed(3)";
        // Micrometer's own view of the pool, under its names and tag
        assertTrue(scrape.contains("executor_pool_size_threads{name=\"work\",} 3.0"), scrape);
        assertTrue(scrape.contains("executor_completed_tasks_total{name=\"work\",} 6.0"), scrape);
        // threadguard's view of the same pool, under its own names
        assertTrue(scrape.contains("threadguard_executor_pool_size_threads{kind=\"ThreadPoolExecutor\",pool=\"" + pool
            + "\",size_origin=\"configured\",} 3.0"), scrape);
        List<String> series = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(Collectors.toList());
        Set<String> unique = new HashSet<>(series);
        assertEquals(series.size(), unique.size(), "duplicate series: " + series);
        assertFalse(series.stream().anyMatch(l -> l.startsWith("executor_") && l.contains("pool=")),
            "no threadguard series under Micrometer's executor_ names: " + series);
        assertEquals(List.of(), problems(run.stderr));
    }

    @Test
    void withoutTheAgentTheBinderBindsNothing() throws Exception {
        AgentRun run = own(java(), null, false);
        assertEquals(0, run.exitCode, run.stdout + run.stderr);
        assertTrue(run.stdout.contains("agent=false"), run.stdout);
        assertFalse(scrape(run.stdout).contains("threadguard"), scrape(run.stdout));
        assertEquals("", run.stderr);
    }

    @Test
    void aPortInUseCostsOneLineAndTheAppRunsOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path rec = dir.resolve("rec.jfr");
            AgentRun run = AgentRun.run(AgentRun.command(java(), "file=" + rec + ",prometheus=" + taken.getLocalPort(), List.of("-XX:ActiveProcessorCount=8"),
                AgentRun.testClasses(), MetricsProgram.class, "3"), rec, dir);
            assertEquals(0, run.exitCode);
            List<String> lines = run.stderr.lines().collect(Collectors.toList());
            assertEquals(1, lines.size(), run.stderr);
            assertTrue(lines.get(0).startsWith("threadguard: cannot serve Prometheus metrics on loopback:" + taken.getLocalPort()),
                run.stderr);
        }
    }

    private AgentRun own(String java, String agentOptions, boolean esm) throws Exception {
        List<String> cp = new ArrayList<>();
        cp.add(AgentRun.testClasses());
        cp.add(System.getProperty("threadguard.binder.jar"));
        cp.add(System.getProperty("threadguard.events.jar"));
        File[] appLibs = new File(System.getProperty("threadguard.app.micrometer")).listFiles((d, n) -> n.endsWith(".jar"));
        assertTrue(appLibs != null && appLibs.length >= 5, "the app's Micrometer 1.12 jars");
        for (File f : appLibs) {
            cp.add(f.getAbsolutePath());
        }
        Path rec = dir.resolve("none.jfr");
        // 16 processors played: the app's fixed(3) is then sized by hand, not from the cores
        return AgentRun.run(AgentRun.command(java, agentOptions, List.of("-XX:ActiveProcessorCount=16"), String.join(File.pathSeparator, cp),
            OwnMicrometerProgram.class, esm ? "esm" : "plain"), rec, dir);
    }

    private static String scrape(String stdout) {
        int from = stdout.indexOf("--- scrape");
        int to = stdout.indexOf("--- end");
        assertTrue(from >= 0 && to > from, stdout);
        return stdout.substring(from, to);
    }

    /** stderr lines other than the endpoint's own. */
    private static List<String> problems(String stderr) {
        return stderr.lines().filter(l -> !l.contains("Prometheus metrics at")).collect(Collectors.toList());
    }

    /**
     * Prometheus on {@code port}, once it answers /-/ready; null when it exited first (another process
     * took the port between {@link #freePort()} and its bind: the caller tries another).
     */
    private Process startPrometheus(Path prometheus, int port) throws Exception {
        Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
            .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return null;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                // a 200 from a process that has died since is another program's answer
                if (r.statusCode() == 200 && server.isAlive()) {
                    return server;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        server.destroyForcibly();
        throw new AssertionError("prometheus on port " + port + " not ready in 60 s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Prometheus's HTTP API: instant queries, waited for (bounded) until they give the expected value. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final int port;
        private final Path log;

        Api(int port, Path log) {
            this.port = port;
            this.log = log;
        }

        void expect(String promql, double expected) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String last = "";
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    last = r.body();
                    Matcher m = VALUE.matcher(last);
                    if (r.statusCode() == 200 && m.find() && !m.find(m.end())) {
                        m.reset().find();
                        if (Double.parseDouble(m.group(1)) == expected) {
                            return;
                        }
                    }
                } catch (java.io.IOException e) {
                    last = e.toString(); // the server is still starting
                }
                Thread.sleep(250);
            }
            throw new AssertionError(promql + " did not give " + expected + "; last answer: " + last + "\nprometheus log: "
                + Files.readString(log));
        }
    }
}
