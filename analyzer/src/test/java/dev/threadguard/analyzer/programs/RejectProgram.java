package dev.threadguard.analyzer.programs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;

/** broken: a bounded pool flooded with work discards tasks. fixed: a semaphore bounds the producer. */
public final class RejectProgram {
    public static void main(String[] args) throws Exception {
        boolean broken = args[0].equals("broken");
        MiniAgent.start(-2);
        MiniAgent.Pool pool = new MiniAgent.Pool("Ingest fixed(2)", "Ingest.<init>(Ingest.java:15)", 2, 2,
                new ArrayBlockingQueue<>(2), "", new ThreadPoolExecutor.DiscardPolicy());
        Semaphore permits = new Semaphore(2);
        for (int i = 0; i < 40; i++) {
            if (!broken) {
                permits.acquire();
            }
            pool.execute(() -> {
                Work.sleep(50);
                permits.release();
            });
        }
        Thread.sleep(2200);
        MiniAgent.finish();
        pool.shutdown();
    }
}
