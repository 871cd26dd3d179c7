package testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A family of plain threads ({@code sim-N}) each making its own ForkJoinPool as its first act. sim-0
 * runs alone until a sample of its family has read it, then sim-1..3 start: the first thread is its
 * family's before any second thread of its name exists.
 */
public final class FamilyFirstThreadProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> sims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                ForkJoinPool mine = new ForkJoinPool(2); // FAMILY-INNER
                try {
                    mine.submit(() -> Programs.spin(5)).join();
                    done.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    mine.shutdown();
                }
            }, "sim-" + i);
            t.start(); // FAMILY-START
            sims.add(t);
            if (i == 0) {
                awaitFamilySample(1);
            }
        }
        awaitFamilySample(4);
        done.countDown();
        for (Thread t : sims) {
            t.join();
        }
        System.out.println("sims " + sims.size());
    }

    /** Until a sample of the family counted (and the OS read) this many live threads. */
    private static void awaitFamilySample(int threads) throws InterruptedException {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        if (!Programs.awaitEvent("threadguard.PoolSample", e -> {
            if (!e.getString("poolName").endsWith("threads sim-*")) {
                return false;
            }
            seen.add(e.getInt("poolSize") + "/" + e.getInt("sampledThreads"));
            return e.getInt("poolSize") == threads && e.getInt("sampledThreads") == threads;
        }, 30)) {
            throw new IllegalStateException("no sample of the family read " + threads + " threads (live/read): " + seen);
        }
    }
}
