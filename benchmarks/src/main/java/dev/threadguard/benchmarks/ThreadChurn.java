package dev.threadguard.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Short-lived platform threads, as CompletableFuture.*Async does when the common pool has
 * parallelism 1 (a new thread per task): every start goes through the agent's Thread.start hook.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThreadChurn {
    final AtomicLong sink = new AtomicLong();

    @Benchmark
    public void startAndJoin() throws InterruptedException {
        Thread t = new Thread(sink::incrementAndGet, "churn-" + (sink.get() & 7));
        t.start();
        t.join();
    }
}
