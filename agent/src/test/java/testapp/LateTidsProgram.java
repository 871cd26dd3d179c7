package testapp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Threads whose OS id the sampler learns by name (names of up to 15 characters ending in a number:
 * a family late-0..2 and a fixed pool's pool-N-thread-M workers) beside a family with long names
 * that read their own id, and a pool whose workers share a long name's first 15 characters and run
 * one task each (they leave their id to the sampler, which tells them apart by CPU time). Each thread spins a known amount of its own CPU, then parks; once all
 * parked, the program waits for three samples and prints each group's CPU as the threads measured it.
 */
public final class LateTidsProgram {
    public static final int THREADS = 3;
    public static final long SPIN_NANOS = 200_000_000L;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        LongAdder family = new LongAdder();
        LongAdder longNamed = new LongAdder();
        LongAdder pool = new LongAdder();
        LongAdder longPool = new LongAdder();
        CountDownLatch spun = new CountDownLatch(4 * THREADS);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < THREADS; i++) {
            new Thread(() -> work(family, spun, release), "late-" + i).start(); // LATE-FAMILY
            new Thread(() -> work(longNamed, spun, release), "long-named-worker-" + i).start();
        }
        ExecutorService exec = Executors.newFixedThreadPool(THREADS); // LATE-POOL
        for (int i = 0; i < THREADS; i++) {
            exec.execute(() -> work(pool, spun, release));
        }
        AtomicInteger named = new AtomicInteger();
        java.util.concurrent.ThreadFactory longNames = r -> new Thread(r, "long-named-pool-worker-" + named.getAndIncrement());
        ExecutorService longNamedPool = Executors.newFixedThreadPool(THREADS, longNames); // LONG-POOL
        for (int i = 0; i < THREADS; i++) {
            longNamedPool.execute(() -> work(longPool, spun, release));
        }
        spun.await();
        Instant parked = Instant.now();
        AtomicInteger after = new AtomicInteger();
        if (!Programs.awaitEvent("threadguard.ProcessThreads", e -> e.getStartTime().isAfter(parked) && after.incrementAndGet() >= 3, 60)) {
            throw new IllegalStateException("no three samples after the threads parked");
        }
        System.out.println("cpu family " + family.sum());
        System.out.println("cpu long " + longNamed.sum());
        System.out.println("cpu pool " + pool.sum());
        System.out.println("cpu long-pool " + longPool.sum());
        release.countDown();
        exec.shutdown();
        longNamedPool.shutdown();
    }

    private static void work(LongAdder cpu, CountDownLatch spun, CountDownLatch release) {
        long x = 0;
        while (MX.getCurrentThreadCpuTime() < SPIN_NANOS) {
            x += Programs.spin(1);
        }
        cpu.add(MX.getCurrentThreadCpuTime() + (x & 0));
        spun.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
