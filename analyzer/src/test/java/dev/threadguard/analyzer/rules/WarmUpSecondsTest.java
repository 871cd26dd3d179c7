package dev.threadguard.analyzer.rules;

import static dev.threadguard.analyzer.rules.Eval.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seconds in which the JVM was still compiling its code (its JIT compiler threads used a large share of its
 * CPU) are judged by the pools' own demand, as crowded seconds are: the application's threads run
 * interpreted there, so a paced request thread wants a CPU many times longer than its work will.
 */
class WarmUpSecondsTest {
    /**
     * The recorded seconds: the JIT's 0.78 cores are most of the 0.81 used outside the pools, over a quarter of
     * the processors, which alone makes them crowded (maxOtherLoad). Judged with half as the crowding share,
     * only the JIT's share makes them warm-up: the mechanism these tests are about.
     */
    private static final String HALF = "pools-exceed-cores.maxOtherLoad=0.5";

    /**
     * An embedded Tomcat 11 under 16 in-JVM clients each pacing one request per 5 ms, on 2 CPUs of a quiet
     * machine (recorded, second 1 of 4): clients 0.46 cores got and 2.17 thread-seconds waited, workers 0.64
     * and 2.09, the poller 0.09 and 0.23; the C1/C2 compiler threads 0.78 of the JVM's 2.03 cores, the
     * machine 100% busy. Read as the pools' own, 5.7 threads wanted 2 CPUs: CRITICAL on every such run.
     */
    private static Synthetic tomcatWarmingUp(double jitCores) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats clients = s.pool(pm, "http-client", "Load.paced(Load.java:58)", 16, "");
        PoolStats workers = s.pool(pm, "http-nio-exec", "ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:767)", 10, "");
        PoolStats poller = s.pool(pm, "http-nio-Poller", "NioEndpoint.startInternal(NioEndpoint.java:545)", 1, "");
        s.samples(clients, 5, 5, 16, 0, 0.03);
        s.samples(workers, 5, 4, 10, 0, 0.16);
        s.samples(poller, 5, 1, 1, 0, 0.09);
        s.os(clients, 0, 5, 2.63, 0.46);
        s.os(workers, 0, 5, 2.73, 0.64);
        s.os(poller, 0, 5, 0.32, 0.09);
        s.jvm(pm, 0, 5, jitCores, 2.03);
        s.cpuLoad(pm, 0, 5, 1.0, 1.0);
        return s;
    }

    @Test
    void requestThreadsWhileTheJitCompilesAreJudgedByTheCpuTheyGot() {
        assertEquals(List.of(), run(new PoolsExceedCores(), tomcatWarmingUp(0.78)));
        assertEquals(List.of(), run(new PoolsExceedCores(), tomcatWarmingUp(0.78), HALF));
        // the same seconds without the JIT's share measured (an older recording) are the pools' own: the finding it was
        List<Finding> f = run(new PoolsExceedCores(), tomcatWarmingUp(0.1), HALF);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
    }

    @Test
    void theJitShareIsAThreshold() {
        assertEquals(1, run(new PoolsExceedCores(), tomcatWarmingUp(0.78), "pools-exceed-cores.jitShare=0.5", HALF).size());
    }

    /**
     * 16 spinning threads on 2 CPUs while the JIT compiles: they want a CPU whatever else runs, so the warm-up
     * seconds count for them, with the wait their own excess accounts for (1 - 2/16).
     */
    @Test
    void cpuBoundPoolsStillCountInWarmUpSeconds() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "crunch", "Crunch.start(Crunch.java:9)", 16, "");
        s.samples(p, 10, 16, 16, 0, 0.1);
        s.os(p, 0, 10, 16, 1.6);
        s.jvm(pm, 0, 10, 0.6, 2.0); // the JIT: 30% of the JVM's CPU
        s.cpuLoad(pm, 0, 10, 1.0, 1.0);
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(0.875, f.get(0).get(PoolsExceedCores.WAIT_SHARE));
        assertTrue(f.get(0).message().contains("In 10 second(s) crowded by work outside the pools"), f.get(0).message());
    }

    /** Warm-up seconds left out are said so: how many, and that the JIT was why. */
    @Test
    void leftOutWarmUpSecondsAreCounted() {
        Synthetic s = tomcatWarmingUp(0.1);
        s.jvm(s.model.processes.get(0), 0, 2, 0.7, 0); // the first 2 of the 5 seconds: 0.8 of 2.03 cores compiling
        List<Finding> f = run(new PoolsExceedCores(), s, HALF);
        assertEquals(1, f.size(), f.toString());
        assertEquals(3, f.get(0).get(PoolsExceedCores.MEASURED_SECONDS));
        assertTrue(f.get(0).message().contains("2 second(s) in which work outside the pools (other processes, the JVM's"
                + " other threads) used 50% or more of the processors or the JVM was warming up (its JIT compilers used 25%"
                + " or more of its CPU: 2 of them) were left out"), f.get(0).message());
    }
}
