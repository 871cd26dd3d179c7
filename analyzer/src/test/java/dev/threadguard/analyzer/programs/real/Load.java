package dev.threadguard.analyzer.programs.real;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;

/** What the real-library programs share: waiting for the agent's recording, and a steady bounded load. */
public final class Load {
    private Load() {}

    /** The agent starts its recording in the background: the load starts once it runs, so samples see it. */
    public static void awaitRecording() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (FlightRecorder.isInitialized() && FlightRecorder.getFlightRecorder().getRecordings().stream()
                .anyMatch(r -> r.getState() == RecordingState.RUNNING)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no recording started within 60 s");
    }

    /** A body that one client thread runs in a loop. */
    public interface Request {
        void run() throws Exception;
    }

    /**
     * {@code clients} threads, each doing one request then pausing {@code pauseMillis}, for
     * {@code millis}: a steady load whose concurrency is bounded by the clients, not by the server.
     * Returns the requests completed; any failure fails the program.
     */
    public static long paced(String name, int clients, long pauseMillis, long millis, Request request) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000L;
        return paced(name, clients, pauseMillis, () -> System.nanoTime() < end, request);
    }

    /**
     * One caller, one request per 100 ms, for {@code millis} and at least {@code atLeast} requests however slow
     * the machine: a program that makes a client per request makes more than the 10 a leak needs.
     */
    public static long perRequest(String name, long millis, int atLeast, Request request) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000L;
        AtomicLong made = new AtomicLong();
        return paced(name, 1, 100, () -> System.nanoTime() < end || made.get() < atLeast, () -> {
            made.incrementAndGet();
            request.run();
        });
    }

    /** As above, for as long as {@code going} says. */
    public static long paced(String name, int clients, long pauseMillis, java.util.function.BooleanSupplier going,
            Request request) throws Exception {
        AtomicLong done = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (going.getAsBoolean()) {
                        request.run();
                        done.incrementAndGet();
                        Thread.sleep(pauseMillis);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, name + "-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " clients failed", failures.get(0));
        }
        return done.get();
    }

    /** One GET, its body read to the end. */
    public static void get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException(url + " answered " + c.getResponseCode());
        }
    }

    /** A started JDK HttpServer on loopback answering "ok" to every request, its handlers on a pool of 2. */
    public static com.sun.net.httpserver.HttpServer okServer() throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Stops an {@link #okServer()} and its handler pool. */
    public static void stop(com.sun.net.httpserver.HttpServer server) {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
    }

    public static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
