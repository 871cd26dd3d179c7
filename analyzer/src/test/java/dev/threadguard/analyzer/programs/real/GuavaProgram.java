package dev.threadguard.analyzer.programs.real;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guava 33's concurrency as its documentation shows it: a pool of named threads (ThreadFactoryBuilder) decorated
 * with {@code MoreExecutors.listeningDecorator}, 3 paced callers each fanning out 2 lookups (a 5 ms remote call and
 * a little computation) and joining them with {@code Futures.allAsList}/{@code transform}, and an AsyncEventBus on
 * a pool of 2 named threads delivering each result to a subscriber. {@code -Dmode=shared} (the default): the
 * lookup pool has 4 threads. {@code -Dmode=sized-to-cores}: it has {@code availableProcessors()}, although at
 * most 6 lookups are ever in flight.
 */
public final class GuavaProgram {
    /** The event bus's subscriber. */
    public static final class Totals {
        final AtomicLong seen = new AtomicLong();

        @Subscribe
        public void onResult(Long total) {
            seen.addAndGet(total);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean sizedToCores = System.getProperty("mode", "shared").equals("sized-to-cores");
        Load.awaitRecording();
        ExecutorService lookupThreads = sizedToCores
                ? Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), named("lookup-%d")) // GUAVA-POOL-CORES
                : Executors.newFixedThreadPool(4, named("lookup-%d")); // GUAVA-POOL-4
        ListeningExecutorService lookups = MoreExecutors.listeningDecorator(lookupThreads);
        ExecutorService eventThreads = Executors.newFixedThreadPool(2, named("events-%d")); // GUAVA-EVENTS
        AsyncEventBus bus = new AsyncEventBus("results", eventThreads);
        Totals totals = new Totals();
        bus.register(totals);
        long calls = Load.paced("caller", 3, 10, Long.getLong("millis", 3000), () -> {
            ListenableFuture<Long> a = lookups.submit(() -> lookup(1));
            ListenableFuture<Long> b = lookups.submit(() -> lookup(2));
            ListenableFuture<Long> sum = Futures.transform(Futures.allAsList(a, b),
                    (List<Long> parts) -> parts.get(0) + parts.get(1), MoreExecutors.directExecutor());
            bus.post(sum.get(10, TimeUnit.SECONDS));
        });
        System.out.println("calls " + calls + ", total " + totals.seen.get());
        MoreExecutors.shutdownAndAwaitTermination(lookups, 10, TimeUnit.SECONDS);
        MoreExecutors.shutdownAndAwaitTermination(eventThreads, 10, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.ThreadFactory named(String format) {
        return new ThreadFactoryBuilder().setNameFormat(format).setDaemon(true).build();
    }

    /** A remote call's wait, then a little work on its answer. */
    private static long lookup(int key) throws InterruptedException {
        Thread.sleep(5);
        long h = key;
        for (int i = 0; i < 20_000; i++) {
            h = h * 31 + i;
        }
        return h & 0xff;
    }
}
