package dev.threadguard.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.threadguard.micrometer.ThreadGuardMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code prometheus=[HOST:]PORT}: serves the agent's meters in the Prometheus text format at
 * {@code /metrics}, from a registry of its own (Micrometer, relocated inside the agent jar). Loaded
 * only when the option is given; the server runs on one daemon thread the agent started, so it is
 * never measured. Each scrape reads the pools afresh.
 */
public final class PrometheusEndpoint {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ThreadGuardMetrics metrics = new ThreadGuardMetrics("", ThreadGuardMetrics.DEFAULT_MAX_POOLS);
    private HttpServer server;

    /** Binds and starts serving; returns the address it listens on. */
    public InetSocketAddress start(String host, int port) throws IOException {
        metrics.bindTo(registry);
        InetAddress address = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        server = HttpServer.create(new InetSocketAddress(address, port), 16);
        server.createContext("/metrics", this::scrape);
        server.createContext("/", PrometheusEndpoint::notFound);
        // no executor: the server's own dispatcher thread answers, one scrape at a time
        server.setExecutor(null);
        server.start();
        return server.getAddress();
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            synchronized (this) {
                metrics.refresh();
                body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (Throwable t) {
            // a failed scrape must not end the server thread
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = "threadguard: metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Everything a scrape returns, for tests and the benchmark. */
    public String scrapeText() {
        synchronized (this) {
            metrics.refresh();
            return registry.scrape();
        }
    }
}
