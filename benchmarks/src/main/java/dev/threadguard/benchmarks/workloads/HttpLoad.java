package dev.threadguard.benchmarks.workloads;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 serving a small response on loopback to a fixed closed-loop load: 16 keep-alive clients
 * in the same JVM. Requests per second, and the 99th percentile latency.
 */
final class HttpLoad {
    private HttpLoad() {}

    static final int CLIENTS = 16;
    private static final byte[] BODY = "hello from jetty\n".getBytes(StandardCharsets.UTF_8);

    static String run(long seconds) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "text/plain");
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
        URL url = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/").toURL();
        try {
            load(url, 2);
            long[][] latencies = load(url, seconds);
            long count = 0;
            for (long[] l : latencies) {
                count += l[0];
            }
            long[] all = new long[(int) count];
            int at = 0;
            for (long[] l : latencies) {
                System.arraycopy(l, 1, all, at, (int) l[0]);
                at += (int) l[0];
            }
            Arrays.sort(all);
            long p99 = all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)];
            return Workload.fmt("rps=%.1f p99_us=%.1f", count / (double) seconds, p99 / 1000.0);
        } finally {
            server.stop();
        }
    }

    /** Per client: {count, latency ns...}. */
    private static long[][] load(URL url, long seconds) throws Exception {
        long[][] out = new long[CLIENTS][];
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        Thread[] clients = new Thread[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            clients[c] = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                byte[] buf = new byte[256];
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                        try (InputStream in = conn.getInputStream()) {
                            while (in.read(buf) >= 0) {
                                // drain, so the connection is reused
                            }
                        }
                        long t = System.nanoTime() - t0;
                        if (n + 1 >= lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                        }
                        lat[++n] = t;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    lat[0] = n;
                    out[id] = lat;
                    done.countDown();
                }
            }, "client-" + c);
            clients[c].start();
        }
        Thread.sleep(seconds * 1000);
        stop.set(true);
        done.await();
        return out;
    }
}
