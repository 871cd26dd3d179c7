package dev.threadguard.analyzer.programs.real;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vert.x 4 as its documentation shows it: {@code Vertx.vertx()} with default options, an HTTP server verticle
 * deployed once per processor (on 2 x availableProcessors() event loops), each request doing a short blocking
 * lookup with executeBlocking on the worker pool (20 threads), 6 paced HTTP clients. {@code -Dmode=per-request}
 * is the classic misuse in a client: a new Vertx instance (event loops, blocked-thread checker) and HttpClient
 * for every call, never closed.
 */
public final class VertxProgram {
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx(); // VERTX-SHARED
        int port = Load.freePort();
        int instances = Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer().requestHandler(req -> vertx.executeBlocking(() -> {
                    Thread.sleep(2); // a blocking lookup, as a JDBC call would be
                    return "ok";
                }).onComplete(r -> req.response().end(r.result()))).listen(port).<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String url = "http://localhost:" + port + "/";
        Load.awaitRecording();
        long millis = Long.getLong("millis", 3000);
        long calls;
        if (System.getProperty("mode", "shared").equals("per-request")) {
            long end = System.nanoTime() + millis * 1_000_000L;
            AtomicInteger made = new AtomicInteger();
            // at least 24 instances however slow the machine: more than the 10 a leak needs
            calls = Load.paced("vertx-caller", 1, 100, () -> System.nanoTime() < end || made.get() < 24, () -> {
                made.incrementAndGet();
                Vertx client = Vertx.vertx(); // VERTX-PER-REQUEST
                get(client.createHttpClient(), port);
            });
        } else {
            calls = Load.paced("http-client", 6, 20, millis, () -> Load.get(url));
        }
        System.out.println("calls " + calls);
        System.exit(0);
    }

    private static void get(HttpClient http, int port) throws Exception {
        String body = http.request(HttpMethod.GET, port, "localhost", "/")
                .compose(r -> r.send().compose(res -> res.body()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
        if (!body.equals("ok")) {
            throw new IllegalStateException("unexpected body " + body);
        }
    }
}
