package dev.threadguard.analyzer.programs.real;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service that builds a new JDK HttpClient for every call it makes (the client-per-request
 * mistake): each client starts its own selector thread and worker pool. The server is the JDK's.
 */
public final class ClientPerRequestProgram {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI uri = URI.create("http://localhost:" + server.getAddress().getPort() + "/");
        Load.awaitRecording();
        long end = System.nanoTime() + Long.getLong("millis", 2500) * 1_000_000L;
        int calls = 0;
        while (System.nanoTime() < end || calls < 24) {
            HttpClient client = HttpClient.newHttpClient(); // CLIENT-PER-REQUEST
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("status " + r.statusCode());
            }
            calls++;
            Thread.sleep(100);
        }
        server.stop(0);
        handlers.shutdown();
        System.out.println("calls " + calls);
    }
}
