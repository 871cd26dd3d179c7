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
 * (the busy-worker count around every task) is largest relative to the task here. One worker, so
 * that on a 2-core machine the submitter and the worker each have a core: with two workers the OS
 * scheduler's noise (±15%) is larger than anything measured.
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
        executor = Executors.newFixedThreadPool(1);
        forkJoin = new ForkJoinPool(1);
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

    /** The common pool (parallelism 1 on 2 cores): the one pool whose submissions the agent looks at. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void commonPool() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        ForkJoinPool common = ForkJoinPool.commonPool();
        for (int i = 0; i < BATCH; i++) {
            common.execute(() -> task(done));
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
