package dev.threadguard.samples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread-limit sample's server: every request waits on a slow downstream call, then does a
 * little CPU work. {@link #threadPerRequest} starts a new thread for each request, the code that
 * hits "unable to create native thread" under a burst; {@link #bounded} queues the requests on a
 * fixed pool.
 */
public final class RequestServer implements AutoCloseable {
    private final ExecutorService pool;
    private final int downstreamMillis;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger peakLive = new AtomicInteger();

    private RequestServer(ExecutorService pool, int downstreamMillis) {
        this.pool = pool;
        this.downstreamMillis = downstreamMillis;
    }

    public static RequestServer threadPerRequest(int downstreamMillis) {
        return new RequestServer(null, downstreamMillis);
    }

    public static RequestServer bounded(int workers, int downstreamMillis) {
        return new RequestServer(new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>()),
                downstreamMillis);
    }

    /**
     * Accepts one request. Throws {@link OutOfMemoryError} when the thread cannot be started (the
     * thread-per-request server has no other answer to a burst).
     */
    public void accept(int requestId, CountDownLatch completed) {
        Runnable handler = () -> {
            live.incrementAndGet();
            peakLive.accumulateAndGet(live.get(), Math::max);
            try {
                handle(requestId);
            } finally {
                live.decrementAndGet();
                completed.countDown();
            }
        };
        if (pool == null) {
            Thread t = new Thread(handler, "request-" + requestId);
            t.start();
        } else {
            pool.execute(handler);
        }
    }

    private void handle(int requestId) {
        try {
            Thread.sleep(downstreamMillis); // the downstream call (database, HTTP) this request waits for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double acc = 0;
        for (int i = 0; i < 20_000; i++) acc += Math.sqrt(i + requestId);
        if (acc > 0) served.incrementAndGet();
    }

    public int served() {
        return served.get();
    }

    public int peakConcurrentHandlers() {
        return peakLive.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
