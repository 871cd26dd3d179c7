package testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Seed 000: a pool sized to the processors stepping 8 environments per round; exactly 8 tasks run at once. */
public final class FixedPoolProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        int environments = 8;
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()); // POOL-CREATION
        long end = System.nanoTime() + 1_500_000_000L;
        int rounds = 0;
        while (System.nanoTime() < end || rounds < 10) {
            CyclicBarrier allStepping = new CyclicBarrier(environments);
            List<Future<Long>> steps = new ArrayList<>();
            for (int env = 0; env < environments; env++) {
                steps.add(pool.submit(() -> {
                    allStepping.await();
                    return Programs.spin(5);
                }));
            }
            for (Future<Long> f : steps) {
                f.get();
            }
            // a future completes before its worker's afterExecute: let the round end before the next begins
            while (((ThreadPoolExecutor) pool).getActiveCount() > 0) {
                Thread.onSpinWait();
            }
            rounds++;
            Thread.sleep(2); // the learner's sync phase between rollouts
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("rounds " + rounds);
    }
}
