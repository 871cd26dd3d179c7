package dev.threadguard.analyzer.programs.real;

import dev.threadguard.analyzer.programs.Work;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.ExecutorsKt;

/**
 * kotlinx.coroutines with its defaults: 200 calls parked on Dispatchers.IO for the whole run,
 * and availableProcessors() CPU-bound tasks on Dispatchers.Default for as long. At the host's own
 * processor count the CPU work fits; at -XX:ActiveProcessorCount=64 on a small host
 * Dispatchers.Default runs 64 computing threads.
 */
public final class CoroutinesProgram {
    public static void main(String[] args) throws Exception {
        Load.awaitRecording();
        Executor io = ExecutorsKt.asExecutor(Dispatchers.getIO());
        Executor cpu = ExecutorsKt.asExecutor(Dispatchers.getDefault());
        long millis = Long.getLong("millis", 6000);
        long end = System.nanoTime() + millis * 1_000_000L;
        CountDownLatch blocked = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            io.execute(() -> {
                while (System.nanoTime() < end) {
                    Work.sleep(50);
                }
                blocked.countDown();
            });
        }
        // one long computation per processor, as a parallel map over the processors would split it
        int n = Runtime.getRuntime().availableProcessors();
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = CompletableFuture.runAsync(() -> Work.spin((end - System.nanoTime()) / 1_000_000L), cpu);
        }
        CompletableFuture.allOf(tasks).join();
        blocked.await();
        System.out.println("computed on " + n + " threads");
    }
}
