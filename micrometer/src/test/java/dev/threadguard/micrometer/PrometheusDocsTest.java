package dev.threadguard.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.live.PoolView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting rules and the Grafana dashboard in docs/ are checked by Debian's promtool (syntax,
 * and the rules' own unit tests), and every series they name is one the meters really produce.
 */
class PrometheusDocsTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path RULES = DOCS.resolve("prometheus/threadguard-alerts.yml");
    private static final Path RULE_TESTS = DOCS.resolve("prometheus/threadguard-alerts.test.yml");
    private static final Path DASHBOARD = DOCS.resolve("grafana/threadguard-dashboard.json");
    private static final Pattern SERIES = Pattern.compile("\\b((?:executor|threadguard)_[a-z_]+)\\b");
    private static final Pattern EXPR = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    private static Path promtool() {
        Path p = Path.of("/usr/bin/promtool");
        assertTrue(Files.isExecutable(p), "Debian's promtool is needed: apt-get install prometheus (.ci/run installs it)");
        return p;
    }

    private static String run(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(promtool().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void alertingRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assertTrue(run(RULES.getParent(), "check", "rules", RULES.getFileName().toString()).contains("SUCCESS"));
        assertTrue(run(RULE_TESTS.getParent(), "test", "rules", RULE_TESTS.getFileName().toString()).contains("SUCCESS"));
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        List<String> exprs = dashboardExpressions();
        assertTrue(exprs.size() >= 8, "dashboard queries: " + exprs);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            // Grafana's variables become what they stand for: any instance
            String e = exprs.get(i).replace("$instance", ".*");
            rules.append("      - record: threadguard_dashboard:panel").append(i).append("\n        expr: '")
                .append(e.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        assertTrue(run(dir, "check", "rules", file.getFileName().toString()).contains("SUCCESS: " + exprs.size() + " rules found"));
    }

    @Test
    void everySeriesTheDocsNameIsOneTheMetersProduce() throws Exception {
        Set<String> produced = producedSeries();
        Set<String> named = new TreeSet<>();
        for (Path p : List.of(RULES, RULE_TESTS, DASHBOARD, DOCS.resolve("metrics.md"))) {
            Matcher m = SERIES.matcher(Files.readString(p));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        named.removeIf(n -> n.startsWith("threadguard_dashboard"));
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(produced);
        assertEquals(Set.of(), unknown, "series in docs that no meter produces; produced: " + produced);
        assertTrue(named.contains("executor_pool_size_threads") && named.contains("threadguard_process_run_queue_wait_seconds_total"));
    }

    /** Metric names of real Prometheus registry scrapes of every meter kind: the endpoint's names and the binder's. */
    private static Set<String> producedSeries() {
        Set<String> names = producedSeries("");
        names.addAll(producedSeries("threadguard."));
        return names;
    }

    private static Set<String> producedSeries(String prefix) {
        ThreadGuardMetricsTest.TestSource src = new ThreadGuardMetricsTest.TestSource();
        src.pools.add(ThreadGuardMetricsTest.tpe(1, "A fixed(8)", 8, 2, 5));
        src.pools.add(new PoolView(2, "commonPool(7)", "CommonPool", "n-1", "", 3, 7, 7, 1, 0, 12, 0, 0));
        src.pools.add(new PoolView(3, "threads w-*", "ThreadFamily", "", "", 2, -1, -1, 1, 0, 0, 0, 0));
        src.pools.add(ThreadGuardMetricsTest.tpe(4, "B fixed(2)", 2, 0, 0));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // as with warn=: the rules run in the JVM and hold a finding
        dev.threadguard.events.live.LiveData.installFindings(() -> List.of(
            new dev.threadguard.events.live.FindingView("nested-parallelism", "critical", "4 x 8", "A.b(A.java:3)")));
        try {
            new ThreadGuardMetrics(prefix, 3, src).bindTo(registry);
        } finally {
            dev.threadguard.events.live.LiveData.installFindings(null);
        }
        Set<String> names = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = EXPR.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return out;
    }
}
