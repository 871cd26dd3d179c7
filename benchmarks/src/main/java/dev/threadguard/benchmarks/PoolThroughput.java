package dev.threadguard.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Tiny tasks through a ThreadPoolExecutor and a ForkJoinPool: the per-task cost the agent adds
 * (the busy-worker count around every task) is largest relative to the task here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PoolThroughput {
    static final int BATCH = 1000;

    ExecutorService executor;
    ForkJoinPool forkJoin;
    final AtomicLong sink = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        executor = Executors.newFixedThreadPool(2);
        forkJoin = new ForkJoinPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
        forkJoin.shutdownNow();
    }

    private void task(CountDownLatch done) {
        sink.incrementAndGet();
        done.countDown();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void threadPoolExecutor() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            executor.execute(() -> task(done));
        }
        done.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void forkJoinPool() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            forkJoin.execute(() -> task(done));
        }
        done.await();
    }
}
