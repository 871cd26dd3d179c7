package dev.threadguard.analyzer.programs.real;

import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;

/**
 * Apache HttpClient 5's async client against a JDK HttpServer: a library threadguard's knob table does not list.
 * Each client's I/O reactor starts one dispatcher thread per processor (IOReactorConfig's ioThreadCount defaults to
 * availableProcessors()). {@code -Dmode=shared} (the default) is the client as documented: one for the application,
 * 4 paced callers. {@code -Dmode=per-request} creates and starts a client for every call and never closes it: each
 * leaves its reactor's threads behind.
 */
public final class HttpAsyncClientProgram {
    public static void main(String[] args) throws Exception {
        HttpServer server = Load.okServer();
        String url = "http://localhost:" + server.getAddress().getPort() + "/";
        boolean perRequest = System.getProperty("mode", "shared").equals("per-request");
        Load.awaitRecording();
        long millis = Long.getLong("millis", 3000);
        long calls;
        if (perRequest) {
            calls = Load.perRequest("hc-caller", millis, 16, () -> {
                CloseableHttpAsyncClient client = HttpAsyncClients.createDefault(); // HC-PER-REQUEST
                client.start();
                call(client, url);
            });
        } else {
            CloseableHttpAsyncClient shared = HttpAsyncClients.createDefault(); // HC-SHARED
            shared.start();
            calls = Load.paced("hc-caller", 4, 50, millis, () -> call(shared, url));
            shared.close();
        }
        Load.stop(server);
        System.out.println("calls " + calls);
        System.exit(0);
    }

    private static void call(CloseableHttpAsyncClient client, String url) throws Exception {
        SimpleHttpResponse r = client.execute(SimpleRequestBuilder.get(url).build(), null).get(10, TimeUnit.SECONDS);
        if (!r.getBodyText().equals("ok")) {
            throw new IllegalStateException("unexpected body " + r.getBodyText());
        }
    }
}
