package testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Seed 001: workers of one pool create ForkJoinPools and run parallel streams. */
public final class NestedProgram {
    public static void main(String[] args) throws Exception {
        ScheduledExecutorService early = Executors.newScheduledThreadPool(1); // EARLY-POOL
        // the first use of ForkJoinPool, inside a worker: its class initialiser builds the common pool there
        early.submit(() -> IntStream.range(0, 1000).parallel().sum()).get();
        Programs.awaitRecording();
        ExecutorService outer = Executors.newFixedThreadPool(2); // OUTER-POOL
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(outer.submit(() -> {
                ForkJoinPool inner = new ForkJoinPool(3); // INNER-POOL
                long a = inner.submit(() -> IntStream.range(0, 200_000).asLongStream().map(x -> x * x).sum()).join();
                inner.shutdown();
                long b = IntStream.range(0, 200_000).parallel().asLongStream().map(x -> x % 7).sum(); // PARALLEL-STREAM
                return a + b;
            }));
        }
        for (Future<Long> f : results) {
            f.get();
        }
        Thread.sleep(300);
        outer.shutdown();
        early.shutdown();
        outer.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("done");
    }
}
