package dev.threadguard.analyzer.programs.real;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp's asynchronous calls against a JDK HttpServer. {@code -Dmode=shared} (the default) is OkHttp as documented:
 * one OkHttpClient for the application, 8 paced callers enqueueing on it, so its dispatcher pool holds a thread per
 * call in flight. {@code -Dmode=per-request} builds a new OkHttpClient for every call (the classic leak): each client
 * has a dispatcher pool of its own, whose idle thread lives on for 60 s after its one call.
 */
public final class OkHttpProgram {
    public static void main(String[] args) throws Exception {
        HttpServer server = Load.okServer();
        String url = "http://localhost:" + server.getAddress().getPort() + "/";
        boolean perRequest = System.getProperty("mode", "shared").equals("per-request");
        OkHttpClient shared = new OkHttpClient(); // OKHTTP-SHARED
        Load.awaitRecording();
        long millis = Long.getLong("millis", 3000);
        long calls;
        if (perRequest) {
            long end = System.nanoTime() + millis * 1_000_000L;
            java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
            // at least 24 clients however slow the machine: more than the 10 a leak needs
            calls = Load.paced("okhttp-caller", 1, 100, () -> System.nanoTime() < end || made.get() < 24, () -> {
                made.incrementAndGet();
                OkHttpClient client = new OkHttpClient(); // OKHTTP-PER-REQUEST
                call(client, url);
            });
        } else {
            calls = Load.paced("okhttp-caller", 8, 20, millis, () -> call(shared, url));
        }
        Load.stop(server);
        System.out.println("calls " + calls);
        System.exit(0); // the leaked clients' dispatcher threads are not daemons
    }

    private static void call(OkHttpClient client, String url) throws Exception {
        CompletableFuture<String> body = new CompletableFuture<>();
        client.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() { // OKHTTP-ENQUEUE
            @Override
            public void onFailure(Call call, IOException e) {
                body.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    body.complete(response.body().string());
                }
            }
        });
        if (!body.get(10, TimeUnit.SECONDS).equals("ok")) {
            throw new IllegalStateException("unexpected body");
        }
    }
}
