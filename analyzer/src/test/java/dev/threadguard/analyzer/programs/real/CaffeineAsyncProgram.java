package dev.threadguard.analyzer.programs.real;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Caffeine async cache with its defaults, its loads a 1 ms lookup each, read by four request threads.
 * Caffeine runs loads on ForkJoinPool.commonPool(); while the common pool's parallelism is below 2 (two
 * processors), CompletableFuture runs each on a thread of its own: thousands of threads started, a few alive.
 */
public final class CaffeineAsyncProgram {
    public static void main(String[] args) throws Exception {
        Load.awaitRecording();
        AsyncLoadingCache<Integer, String> cache = Caffeine.newBuilder().maximumSize(50).buildAsync(k -> {
            Thread.sleep(1);
            return "value " + k;
        });
        long end = System.nanoTime() + Long.getLong("millis", 3000) * 1_000_000L;
        AtomicLong reads = new AtomicLong();
        ExecutorService requests = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            requests.submit(() -> {
                while (System.nanoTime() < end) {
                    cache.get(ThreadLocalRandom.current().nextInt(5000)).get(); // CACHE-GET
                    reads.incrementAndGet();
                }
                return null;
            });
        }
        requests.shutdown();
        requests.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("reads " + reads.get());
    }
}
