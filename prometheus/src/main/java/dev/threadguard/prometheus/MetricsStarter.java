package dev.threadguard.prometheus;

import dev.threadguard.events.AgentOptions;
import java.net.InetSocketAddress;

/**
 * Starts the endpoint on the agent's own thread: Micrometer's classes load there, off the startup
 * path, and the server's thread, started from it, is left out of what the agent measures.
 */
public final class MetricsStarter implements Runnable {
    private final AgentOptions options;

    public MetricsStarter(AgentOptions options) {
        this.options = options;
    }

    @Override
    public void run() {
        String where = (options.prometheusHost.isEmpty() ? "loopback" : options.prometheusHost) + ":" + options.prometheusPort;
        try {
            InetSocketAddress at = new PrometheusEndpoint().start(options.prometheusHost, options.prometheusPort);
            if (options.logInfo || options.prometheusPort == 0) {
                String host = at.getAddress().getHostAddress();
                System.err.println("threadguard: Prometheus metrics at http://" + (host.contains(":") ? "[" + host + "]" : host)
                    + ":" + at.getPort() + "/metrics");
            }
        } catch (Throwable t) {
            System.err.println("threadguard: cannot serve Prometheus metrics on " + where + " (" + t
                + "); the recording goes on");
        }
    }
}
