package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The shapes issue 7's verdicts are about, written as teams write them, each CPU-bound where the
 * verdict needs measured CPU wait:
 * common: 8 workers feed the one common pool with CPU work (a shared pool: N + M);
 * owned: each of 4 workers runs its own ForkJoinPool of 4 for its tasks (N x M);
 * family-owned: each of 4 plain threads of one family ({@code sim-N}, no pool) creates and runs its
 * own ForkJoinPool of 4 (N x M, the family as the outer level);
 * family-shared: each of 3 plain threads of one family ({@code sim-N}) computes parallel streams on the
 * common pool it did not create (run at -XX:ActiveProcessorCount=3: 2 common-pool workers): N + M, never N x M;
 * sized-spinning: a pool of availableProcessors() workers (run at -XX:ActiveProcessorCount=16) running 4
 * CPU-bound tasks on 2 CPUs: sized to the processors and oversubscribing them, one cause;
 * scheduler: 36 one-thread executors built in one loop, as a reactive library's parallel scheduler
 * (run at -XX:ActiveProcessorCount=36), 3 of them used;
 * plain-nested: a ForkJoinPool created in a pool worker (for the plain-JFR fallback).
 */
public final class VerdictPrograms {
    public static void main(String[] args) throws Exception {
        awaitRecording();
        switch (args[0]) {
            case "common" -> common();
            case "owned" -> owned();
            case "family-owned" -> familyOwned();
            case "family-shared" -> familyShared();
            case "sized-spinning" -> sizedSpinning();
            case "scheduler" -> scheduler();
            case "plain-nested" -> plainNested();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** The agent's recording starts in the background; a plain -XX:StartFlightRecording one is there already. */
    static void awaitRecording() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !(jdk.jfr.FlightRecorder.isInitialized()
                && jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().stream()
                        .anyMatch(r -> r.getState() == jdk.jfr.RecordingState.RUNNING))) {
            Thread.sleep(20);
        }
    }

    static void common() throws Exception {
        ExecutorService requests = Executors.newFixedThreadPool(8); // COMMON-OUTER
        Work.runAll(requests, 8, () -> {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                IntStream.range(0, 64).parallel().forEach(i -> Work.spin(20)); // COMMON-STREAM
            }
        });
        requests.shutdown();
    }

    static void owned() throws Exception {
        ExecutorService envs = Executors.newFixedThreadPool(4); // OWNED-OUTER
        Work.runAll(envs, 4, () -> {
            ForkJoinPool mine = new ForkJoinPool(4); // OWNED-INNER
            try {
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    mine.submit(() -> IntStream.range(0, 16).parallel().forEach(i -> Work.spin(20))).join();
                }
            } finally {
                mine.shutdown();
            }
        });
        envs.shutdown();
    }

    static void familyOwned() throws Exception {
        List<Thread> sims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> { // FAMILY-OUTER
                ForkJoinPool mine = new ForkJoinPool(4); // FAMILY-INNER
                try {
                    long end = System.nanoTime() + 3_000_000_000L;
                    while (System.nanoTime() < end) {
                        mine.submit(() -> IntStream.range(0, 16).parallel().forEach(k -> Work.spin(20))).join();
                    }
                } finally {
                    mine.shutdown();
                }
            }, "sim-" + i);
            t.start();
            sims.add(t);
        }
        for (Thread t : sims) {
            t.join();
        }
    }

    static void familyShared() throws Exception {
        List<Thread> sims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> { // FAMILY-SHARED-OUTER
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    IntStream.range(0, 64).parallel().forEach(k -> Work.spin(20)); // FAMILY-SHARED-STREAM
                }
            }, "sim-" + i);
            t.start();
            sims.add(t);
        }
        for (Thread t : sims) {
            t.join();
        }
    }

    static void sizedSpinning() throws Exception {
        ExecutorService envs = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()); // SIZED-SPINNING
        Work.runAll(envs, 4, () -> Work.spin(4000));
        envs.shutdown();
    }

    static void scheduler() throws Exception {
        int n = Runtime.getRuntime().availableProcessors();
        List<ScheduledExecutorService> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            workers.add(Executors.newSingleThreadScheduledExecutor()); // SCHEDULER
        }
        long end = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 3; i++) {
                workers.get(i).submit(() -> Work.sleep(50));
            }
            Thread.sleep(60);
        }
        for (ScheduledExecutorService w : workers) {
            w.shutdown();
            w.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static void plainNested() throws Exception {
        ExecutorService outer = Executors.newFixedThreadPool(4);
        Work.runAll(outer, 8, () -> {
            ForkJoinPool inner = new ForkJoinPool(4);
            inner.submit(() -> IntStream.range(0, 32).parallel().forEach(i -> Work.sleep(20))).join();
            inner.shutdown();
        });
        outer.shutdown();
    }
}
