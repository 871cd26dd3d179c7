package dev.threadguard.analyzer.rules;

import static dev.threadguard.analyzer.rules.Eval.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pools-exceed-cores judges from what the OS measured: threads wanting a CPU and their run-queue wait. */
class PoolsExceedCoresTest {
    @Test
    void seed002SixPoolsWanting64CoresOf48() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(48);
        int[] sizes = {16, 4, 8, 12, 8, 16};
        for (int i = 0; i < sizes.length; i++) {
            PoolStats p = s.pool(pm, "pool" + i, "M.init(M.java:" + (10 + i) + ")", sizes[i], "");
            s.samples(p, 10, sizes[i], sizes[i], 0, 0.75);
            s.os(p, 0, 10, sizes[i], sizes[i] * 0.75); // 64 want a CPU, 48 run: each waits a quarter of the time
        }
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals(64.0, f.get(0).get(PoolsExceedCores.MEAN_DEMAND));
        assertEquals(0.25, f.get(0).get(PoolsExceedCores.WAIT_SHARE));
        assertEquals(6, f.get(0).get(PoolsExceedCores.POOLS));
        assertEquals(1.0, f.get(0).get(PoolsExceedCores.OVERSUBSCRIBED_SHARE));
        assertTrue(f.get(0).message().contains("its threads waited 25% of their runnable time for a CPU"), f.get(0).message());
    }

    /**
     * The native-onnx sample: a pool of 2 on 2 CPUs whose calls run a native library's own threads.
     * The pool's threads want 2.1 CPUs and wait 78% of their runnable time, but their own excess
     * accounts for 5% at most: the native threads are the cause (the native-threads rule's), not the pool.
     */
    @Test
    void aWaitThePoolsOwnDemandDoesNotExplainIsNotTheirs() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "infer", "Infer.start(Infer.java:48)", 2, "");
        PoolStats w = s.pool(pm, "watcher", "Watch.start(Watch.java:3)", 1, "");
        s.samples(p, 10, 2, 2, 0, 0.22);
        s.samples(w, 10, 0, 1, 0, 0);
        s.os(p, 0, 10, 2.0, 0.44);
        s.os(w, 0, 10, 0.1, 0.013);
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
        // the same wait with 3 threads wanting the 2 CPUs is the pools' own: 1 - 2/3 = 33% at least
        Synthetic t = new Synthetic();
        ProcessModel pt = t.process(2);
        PoolStats q = t.pool(pt, "infer", "Infer.start(Infer.java:48)", 3, "");
        t.samples(q, 10, 3, 3, 0, 0.2);
        t.os(q, 0, 10, 3.0, 0.66);
        assertEquals(1, run(new PoolsExceedCores(), t).size());
    }

    /**
     * 16 spinning threads on 2 CPUs while other processes take 1.5 of them: the 16 want a CPU whatever
     * else runs, so the seconds count, with the wait their own excess accounts for (1 - 2/16 = 87.5%),
     * not the 97% the OS measured. A pool wanting 1.5 CPUs there waits because of the others: nothing.
     */
    @Test
    void crowdedSecondsCountOnlyWithTheWaitThePoolsOwnExcessAccountsFor() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "crunch", "Crunch.start(Crunch.java:9)", 16, "");
        s.samples(p, 10, 16, 16, 0, 0.03);
        s.os(p, 0, 10, 16, 0.5);
        for (int sec = 0; sec < 10; sec++) {
            s.model.timeline.addCpuLoad(Synthetic.T0 + sec * 1000L + 200, pm.index, 0.25, 1.0); // others: 1.5 cores
        }
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size());
        assertEquals(0.875, f.get(0).get(PoolsExceedCores.WAIT_SHARE));
        assertTrue(f.get(0).message().contains("In 10 second(s) crowded by work outside the pools"),
                f.get(0).message());
        Synthetic t = new Synthetic();
        ProcessModel pt = t.process(2);
        PoolStats q = t.pool(pt, "light", "Light.start(Light.java:9)", 2, "");
        t.samples(q, 10, 2, 2, 0, 0.2);
        t.os(q, 0, 10, 1.5, 0.4);
        for (int sec = 0; sec < 10; sec++) {
            t.model.timeline.addCpuLoad(Synthetic.T0 + sec * 1000L + 200, pt.index, 0.2, 1.0);
        }
        assertEquals(List.of(), run(new PoolsExceedCores(), t));
    }

    /**
     * An embedded Tomcat under 16 in-JVM clients on 2 CPUs while other processes used 1.1 of them (recorded:
     * clients 3.3 wanting a CPU of 16 and 0.21 cores got, workers 2.5 of 10 and 0.24): request threads that
     * run, then block, want a CPU longer because they wait longer; the 5.8 "wanting" is the others' load,
     * and the threads' own demand there is the CPU they got. Quiet, as the paced load is.
     */
    @Test
    void requestThreadsInSecondsCrowdedByOtherProcessesCountByTheCpuTheyGot() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats clients = s.pool(pm, "http-client", "Load.paced(Load.java:58)", 16, "");
        PoolStats workers = s.pool(pm, "http-nio-exec", "Tomcat.start(Tomcat.java:9)", 10, "");
        s.samples(clients, 10, 16, 16, 0, 0.013);
        s.samples(workers, 10, 10, 10, 0, 0.024);
        s.os(clients, 0, 10, 3.3, 0.21);
        s.os(workers, 0, 10, 2.5, 0.24);
        for (int sec = 0; sec < 10; sec++) {
            s.model.timeline.addCpuLoad(Synthetic.T0 + sec * 1000L + 200, pm.index, 0.45, 1.0); // others: 1.1 cores
        }
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
    }

    /**
     * kotlinx.coroutines' one scheduler (recorded, a CI box at load ~40, JDK 25 and 17): 2 threads computing on
     * Dispatchers.Default and 200 on Dispatchers.IO waking every 50 ms, while other processes took 0.85 of the 2
     * CPUs. The 200 wait longer for each wake-up the more others run: read as the pool's own, 4.5 threads
     * "wanted" 2 CPUs and waited 75%, CRITICAL for a program whose CPU work fits. Work outside the pools that
     * takes a quarter of the processors already makes such waits the others' doing.
     */
    @Test
    void manyWakingThreadsInSecondsAQuarterTakenByOthersCountByTheCpuTheyGot() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats scheduler = s.pool(pm, "DefaultDispatcher-worker-*", "CoroutineScheduler.createNewWorker(CoroutineScheduler.kt:499)",
                202, "");
        s.samples(scheduler, 10, 2, 202, 0, 0.5);
        s.os(scheduler, 0, 10, 4.5, 1.15);
        s.cpuLoad(pm, 0, 10, 0.6, 1.0); // the machine busy; outside the scheduler's threads: 0.85 cores
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
        // with the former threshold (half the processors) these seconds were the pool's own: the false alarm
        assertEquals(1, run(new PoolsExceedCores(), s, "pools-exceed-cores.maxOtherLoad=0.5").size());
    }

    /**
     * The same threads where no other process ran but the JVM's own threads outside the pools (the JIT
     * compiling the server's code at its start, GC) took 0.35 cores and other processes 0.9: work outside
     * the pools used 1.25 of the 2 CPUs, and the wait is not the pools' own.
     */
    @Test
    void theJvmsOwnThreadsOutsideThePoolsCrowdASecondToo() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats clients = s.pool(pm, "http-client", "Load.paced(Load.java:58)", 16, "");
        PoolStats workers = s.pool(pm, "http-nio-exec", "Tomcat.start(Tomcat.java:9)", 10, "");
        s.samples(clients, 10, 16, 16, 0, 0.02);
        s.samples(workers, 10, 10, 10, 0, 0.04);
        s.os(clients, 0, 10, 3.3, 0.35);
        s.os(workers, 0, 10, 4.0, 0.4);
        for (int sec = 0; sec < 10; sec++) {
            s.model.timeline.addCpuLoad(Synthetic.T0 + sec * 1000L + 200, pm.index, 0.55, 1.0);
        }
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
    }

    /**
     * The kernel adds a run-queue wait to schedstat when the thread gets a CPU, so one sample can carry
     * a wait from the interval before (recorded: 27 ms CPU + 310 ms wait in 110 ms for 2 threads). Two
     * threads never want more than 2 CPUs.
     */
    @Test
    void twoThreadsNeverWantMoreThanTwoCpus() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "infer", "Infer.start(Infer.java:48)", 2, "");
        s.samples(p, 10, 2, 2, 0, 0.1);
        s.os(p, 0, 10, 3.1, 0.2);
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
    }

    @Test
    void aCpuBoundPoolOf16OnTwoCpusIsCriticalWithItsSizingReason() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "crunch", "Crunch.start(Crunch.java:9)", 16, "");
        s.samples(p, 20, 16, 16, 100, 0.125);
        s.os(p, 0, 20, 16, 2);
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        assertEquals(0.875, f.get(0).get(PoolsExceedCores.WAIT_SHARE));
        assertTrue(f.get(0).title().contains("waited 88% of their runnable time for a CPU"), f.get(0).title());
        String rec = f.get(0).recommendation();
        assertTrue(rec.contains("'crunch' 2 (CPU-bound (W/C 0): 2 processors x U 1 = 2, from 20 samples over 20 s, peak 16 busy)"), rec);
    }

    @Test
    void aPoolThatAlsoWaitsOffCpuIsSizedWithWOverC() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "mixed", "Mixed.start(Mixed.java:3)", 8, "");
        s.samples(p, 20, 8, 8, 0, 0.25); // 8 in tasks, 2 cores of CPU: the rest blocked off-CPU or queued
        s.os(p, 0, 20, 2, 2);
        Sizing.Advice a = Sizing.forPool(s.model, p, 2, 2, 1.0);
        assertEquals(3.0, a.waitToCompute(), 1e-9); // 8 busy - 2 on CPU = 6 blocked per 2 computing
        assertEquals(8, a.size());
        assertTrue(a.rationale().startsWith("waits off-CPU W/C 3: 2 processors x U 1 x (1 + W/C) = 8"), a.rationale());
    }

    /**
     * 16 spinning threads on 2 CPUs crowded by other processes: the kernel books a run-queue wait when the
     * thread next runs, so busy time less CPU less the wait booked so far read as 10x the CPU "off-CPU"
     * (recorded: "waits off-CPU W/C 10.2: ... = 23"). The OS saw all 16 in state R: none was off the CPU.
     */
    @Test
    void spinningThreadsWhoseWaitIsBookedLateAreCpuBound() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "crunch", "Crunch.start(Crunch.java:9)", 16, "");
        s.samples(p, 10, 16, 16, 0, 0.02);
        s.os(p, 0, 10, 16, 0.3);
        p.runQueueWaitNanos /= 4; // three quarters of the wait not booked yet
        assertEquals(0.0, Sizing.waitToCompute(p), 1e-9);
        Sizing.Advice a = Sizing.forPool(s.model, p, 2, 2, 1.0);
        assertEquals(2, a.size(), a.rationale());
        assertTrue(a.rationale().startsWith("CPU-bound (W/C 0): 2 processors x U 1 = 2"), a.rationale());
    }

    /**
     * Three CPU-bound pools on 2 CPUs (the rollout's fixed pool beside two smaller ones, demand 0.5, 0.3,
     * 0.2): each was told "0.5 processors x U 1 = 1", three threads for two CPUs. Two pools get whole
     * shares that add up to the processors; three say that one thread each still oversubscribes.
     */
    @Test
    void sharesOfTheProcessorsAddUp() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        double[] wanting = {4, 2.4};
        for (int i = 0; i < wanting.length; i++) {
            PoolStats p = s.pool(pm, "env" + i, "Env.start(Env.java:" + (10 + i) + ")", 8, "");
            s.samples(p, 10, (int) wanting[i], 8, 0, 0.1);
            s.os(p, 0, 10, wanting[i], wanting[i] / 6.4 * 2);
        }
        String rec = run(new PoolsExceedCores(), s).get(0).recommendation();
        assertTrue(rec.contains("(by their demand: env0 = 1, env1 = 1)"), rec);
        assertTrue(rec.contains("'env0' 1 (CPU-bound (W/C 0): 1 of the 2 processors (its share by demand) x U 1 = 1"), rec);
        assertTrue(rec.contains("'env1' 1 (CPU-bound (W/C 0): 1 of the 2 processors"), rec);
        PoolStats third = s.pool(pm, "env2", "Env.start(Env.java:12)", 8, "");
        s.samples(third, 10, 2, 8, 0, 0.1);
        s.os(third, 0, 10, 2, 0.4);
        rec = run(new PoolsExceedCores(), s).get(0).recommendation();
        assertTrue(rec.contains("(3 pools on 2 processors: one thread each still oversubscribes them; run their work in one pool of 2)"),
                rec);
        assertTrue(rec.contains("'env0' 1 (CPU-bound (W/C 0): 1 processor (one per pool) x U 1 = 1"), rec);
    }

    /**
     * A pool that also waits off the CPU ran 6 tasks at once in seconds its threads did not wait for a CPU:
     * its share of the processors (1, W/C 0.5: 2 threads) would shrink it below what its work needed.
     */
    /**
     * A pool of 4 whose busy workers are mostly blocked off the CPU (W/C 3) is not told to grow to 8 for
     * the 2 processors: its threads already waited for a CPU.
     */
    @Test
    void adviceNeverGrowsAPoolWhoseThreadsWaitedForACpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats io = s.pool(pm, "io", "Io.start(Io.java:3)", 4, "");
        s.samples(io, 10, 4, 4, 0, 0.05);
        s.os(io, 0, 10, 1, 0.2);
        Sizing.Advice a = Sizing.forPool(s.model, io, 2, 2, 1.0);
        assertEquals(4, a.size(), a.rationale());
        assertTrue(a.rationale().contains("x (1 + W/C) = 8, kept at its 4 threads"), a.rationale());
    }

    /** The load generator's 16 clients blocked in socket reads: W/C per computing thread, not per CPU second got. */
    @Test
    void waitToComputeCountsComputingThreadsNotTheCpuALoadedMachineLeftThem() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats clients = s.pool(pm, "clients", "Load.paced(Load.java:58)", 16, "");
        s.samples(clients, 10, 13, 16, 0, 0.001);
        s.os(clients, 0, 10, 3, 0.02); // 3 wanting a CPU, 0.02 cores got
        assertEquals(10.0 / 3, Sizing.waitToCompute(clients), 1e-9); // was 500: (13 - 3) / 0.02
    }

    @Test
    void noAdviceBelowTheConcurrencyItsTasksNeededWithoutWaitingForACpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats io = s.pool(pm, "io", "Io.start(Io.java:3)", 8, "");
        s.samples(io, 0, 2, 6, 8, 0, 0.1);
        s.os(io, 0, 2, 0.6, 0.6); // 6 busy, 0.6 on a CPU, no wait
        s.samples(io, 2, 8, 3, 8, 0, 0.3);
        s.os(io, 2, 8, 4, 0.9);
        assertEquals(6, Sizing.uncontendedPeak(s.model, io));
        Sizing.Advice a = Sizing.forPool(s.model, io, 1, 2, 1.0);
        assertEquals(6, a.size(), a.rationale());
        assertTrue(a.rationale().contains(
                "raised to 6: the most tasks it ran at once in seconds its threads did not wait for a CPU"), a.rationale());
    }

    @Test
    void ioBoundThreadsWantNoCpu() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        PoolStats io = s.pool(pm, "http", "C.c(C.java:1)", 200, "");
        s.samples(io, 10, 200, 200, 0, 0.001); // Java says 200 RUNNABLE: blocked in socket reads
        s.os(io, 0, 10, 0.2, 0.2);
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
    }

    @Test
    void manyThreadsWithoutMeasuredWaitAreQuiet() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(4);
        PoolStats p = s.pool(pm, "busy", "C.d(C.java:2)", 64, "");
        s.samples(p, 10, 64, 64, 0, 0.06);
        s.os(p, 0, 10, 4.1, 4.0); // just over the processors, 2% wait
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
    }

    @Test
    void needsASustainedShare() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        PoolStats a = s.pool(pm, "a", "A.a(A.java:1)", 8, "");
        s.os(a, 0, 2, 8, 2); // two hot seconds (one alone is a burst: minHotSeconds)
        s.os(a, 2, 18, 1, 1); // then one thread
        assertEquals(List.of(), run(new PoolsExceedCores(), s));
        assertEquals(1, run(new PoolsExceedCores(), s, "pools-exceed-cores.sustainedShare=0.05").size());
    }

    @Test
    void processesOnOneHostAddUp() {
        Synthetic s = new Synthetic();
        for (int i = 0; i < 11; i++) {
            ProcessModel pm = s.process(12);
            PoolStats p = s.pool(pm, "blas", "W.run(W.java:5)", 5, "");
            s.os(p, 0, 10, 5, 12.0 / 11);
        }
        List<Finding> f = run(new PoolsExceedCores(), s);
        assertEquals(1, f.size());
        assertEquals(55.0, f.get(0).get(PoolsExceedCores.MEAN_DEMAND));
        assertEquals(11, f.get(0).get(PoolsExceedCores.PROCESSES));
    }

    @Test
    void withoutOsMeasurementsTheRuleIsSkippedWithTheReason() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(2);
        pm.eventCounts.put(Schema.POOL_SAMPLE, 10L);
        s.samples(s.pool(pm, "p", "P.p(P.java:1)", 16, ""), 10, 16, 16, 0, 0.125);
        RuleResult r = Rules.run(s.model, List.of(new PoolsExceedCores()), Thresholds.defaults(Rules.all()))
                .results().get(0);
        assertEquals(RuleResult.Status.SKIPPED, r.status());
        assertTrue(r.reason().startsWith("no OS measurements"), r.reason());
    }

    @Test
    void splitAddsUpToTheProcessors() {
        assertEquals("ai = 24, stats = 14, bg = 10", Sizing.split(List.of("ai", "stats", "bg"), List.of(0.5, 0.3, 0.2), 48));
        assertEquals("", Sizing.split(List.of("a", "b", "c"), List.of(0.4, 0.3, 0.3), 2)); // more pools than cores
        assertEquals("a = 1, b = 1", Sizing.split(List.of("a", "b"), List.of(0.9, 0.1), 2));
    }
}
