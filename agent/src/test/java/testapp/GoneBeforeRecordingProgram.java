package testapp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** A short program's pool: created, used with a parallel stream, shut down and collected before any recording runs. */
public final class GoneBeforeRecordingProgram {
    public static void main(String[] args) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2); // GONE-POOL
        workers.submit(() -> IntStream.range(0, 100_000).parallel().map(x -> x % 3).sum()).get();
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        workers = null;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        Programs.awaitRecording();
        System.out.println("done");
    }
}
