package testapp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/** Pools that exist before the agent is attached, and keep working after it. */
public final class AttachProgram {
    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        ForkJoinPool forkJoin = new ForkJoinPool(3);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        forkJoin.submit(() -> Programs.spin(20)).get();
        executor.submit(() -> Programs.spin(20)).get();
        executor.submit(() -> Programs.spin(20)).get();
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Programs.awaitRecording();
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            executor.submit(() -> Programs.spin(10)).get();
            forkJoin.submit(() -> Programs.spin(10)).get();
        }
        executor.shutdown();
        forkJoin.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        System.out.println("done");
    }
}
