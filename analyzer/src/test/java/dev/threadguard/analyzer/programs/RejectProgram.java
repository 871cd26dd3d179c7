package dev.threadguard.analyzer.programs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Under the real agent. broken: a bounded pool flooded with work discards tasks. fixed: a semaphore bounds the producer. */
public final class RejectProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        boolean broken = args[0].equals("broken");
        ThreadPoolExecutor pool = new Ingest().pool;
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
        pool.shutdown();
    }
}

final class Ingest {
    final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, // site: Ingest
            new ArrayBlockingQueue<>(2), new ThreadPoolExecutor.DiscardPolicy());
}
