package dev.threadguard.analyzer.programs.real;

import dev.threadguard.analyzer.programs.Work;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pool of 16 threads, each computing for the whole run (4 s: pools-exceed-cores judges 3 measured
 * seconds or more): run with -XX:ActiveProcessorCount=2 on 2 CPUs.
 */
public final class CpuBoundPoolProgram {
    public static void main(String[] args) throws Exception {
        Load.awaitRecording();
        ExecutorService pool = Executors.newFixedThreadPool(16); // CPU-POOL
        Work.runAll(pool, 16, () -> Work.spin(Long.getLong("millis", 4000)));
        pool.shutdown();
    }
}
