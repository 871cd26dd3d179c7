package dev.threadguard.analyzer.programs.real;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Reactor service used as its documentation says: CPU work on {@code Schedulers.parallel()} (one
 * single-thread executor per processor, built together), blocking calls on {@code boundedElastic()}
 * (single-thread executors made on demand up to 10 x processors, reused, evicted after 60 s idle).
 * Healthy: neither scheduler is a leak, and the parallel work fits the processors.
 */
public final class ReactorSchedulersProgram {
    public static void main(String[] args) throws Exception {
        Load.awaitRecording();
        long end = System.nanoTime() + Long.getLong("millis", 4000) * 1_000_000L;
        long items = 0;
        while (System.nanoTime() < end) {
            items += Flux.range(0, 16).parallel().runOn(Schedulers.parallel())
                .map(i -> spin(5)).sequential().count().block();
            // 12 blocking calls at once: boundedElastic makes up to 12 workers, then reuses them
            items += Flux.range(0, 12).flatMap(i -> Mono.fromCallable(() -> {
                Thread.sleep(30);
                return i;
            }).subscribeOn(Schedulers.boundedElastic())).count().block(Duration.ofSeconds(30));
        }
        System.out.println("items " + items);
    }

    private static long spin(long millis) {
        long stop = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < stop) {
            x += x * 31 + 7;
        }
        return x;
    }
}
