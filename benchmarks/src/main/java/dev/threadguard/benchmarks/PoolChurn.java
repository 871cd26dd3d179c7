package dev.threadguard.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A pool created and shut down without a task, as an application that makes a pool per request
 * does (the leak threadguard exists to find): the constructor, shutdown and terminated hooks, and
 * with a recording the pool's events, against the pool's own cost. The JDK's own cost of one JFR
 * event with a stack per pool is {@code onePlainEventWithStack}, the yardstick for the agent with
 * a recording.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PoolChurn {
    @Benchmark
    public ExecutorService fixedThreadPool() {
        ExecutorService p = Executors.newFixedThreadPool(4);
        p.shutdown();
        return p;
    }

    @Benchmark
    public ForkJoinPool forkJoinPool() {
        ForkJoinPool p = new ForkJoinPool(4);
        p.shutdown();
        return p;
    }

    /** A fixed pool and one event with a stack trace, committed by the application: JFR's own cost per pool. */
    @Benchmark
    public ExecutorService onePlainEventWithStack() {
        ExecutorService p = Executors.newFixedThreadPool(4);
        PoolEvent e = new PoolEvent();
        e.poolId = System.identityHashCode(p);
        e.poolName = "fixed(4)";
        e.commit();
        p.shutdown();
        return p;
    }

    @jdk.jfr.Name("benchmarks.PoolEvent")
    @jdk.jfr.StackTrace(true)
    static class PoolEvent extends jdk.jfr.Event {
        long poolId;
        String poolName;
    }
}
