package testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Exactly K tasks at once, round after round, on a pool of 4 x K workers, on a crowded CPU: each
 * round's K tasks meet at a latch (so all K run at once), return, and the submitter, woken by the
 * last one's Future, submits the next round to idle workers while the previous round's workers may
 * still wait for a CPU to reach afterExecute. Spinning threads (twice the processors) crowd the CPU
 * in every run, so the verdict does not depend on how loaded the machine already is.
 */
public final class PeakBusyProgram {
    public static final int K = 4;

    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        int spinners = 2 * Runtime.getRuntime().availableProcessors();
        CountDownLatch stop = new CountDownLatch(1);
        for (int i = 0; i < spinners; i++) {
            Thread s = new Thread(() -> {
                while (stop.getCount() > 0) {
                    Programs.spin(10);
                }
            }, "spinner-" + i);
            s.setDaemon(true);
            s.start();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4 * K); // PEAK-POOL
        long end = System.nanoTime() + 2_500_000_000L;
        int rounds = 0;
        while (System.nanoTime() < end) {
            CountDownLatch together = new CountDownLatch(K);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < K; i++) {
                futures.add(pool.submit(() -> {
                    together.countDown();
                    together.await(10, TimeUnit.SECONDS);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            rounds++;
        }
        stop.countDown();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("rounds " + rounds);
    }
}
