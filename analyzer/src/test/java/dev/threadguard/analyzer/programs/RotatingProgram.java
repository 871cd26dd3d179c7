package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;

/**
 * A pool, then two more recordings started a second apart (each start makes JFR begin a new chunk
 * in its repository), then waits to be killed: a cut run whose repository holds three chunk files.
 */
public final class RotatingProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        ExecutorService pool = Executors.newFixedThreadPool(3); // ROTATING-POOL
        for (int i = 0; i < 2; i++) {
            Work.runAll(pool, 3, () -> Work.sleep(500));
            Recording r = new Recording();
            r.setName("rotate-" + i);
            r.start();
        }
        System.out.println("rotated");
        Thread.sleep(600_000);
    }
}
