package dev.threadguard.analyzer.programs.real;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A service that builds a new JDK HttpClient for every call it makes (the client-per-request
 * mistake): each client starts its own selector thread and worker pool. The server is the JDK's.
 */
public final class ClientPerRequestProgram {
    public static void main(String[] args) throws Exception {
        HttpServer server = Load.okServer();
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
        Load.stop(server);
        System.out.println("calls " + calls);
    }
}
