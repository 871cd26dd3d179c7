package dev.threadguard.analyzer.programs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;

/** Prints where this JVM runs CompletableFuture.runAsync's task: "common-pool" or "thread-per-task". */
public final class AsyncProbe {
    public static void main(String[] args) {
        boolean pooled = CompletableFuture.supplyAsync(() -> Thread.currentThread() instanceof ForkJoinWorkerThread).join();
        System.out.println(pooled ? "common-pool" : "thread-per-task");
    }
}
