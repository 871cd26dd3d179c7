package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Pools and busy workers until it is killed (the test sends SIGKILL): a thread explosion's last seconds. */
public final class KilledProgram {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6); // KILLED-POOL
        for (int i = 0; i < 6; i++) {
            pool.execute(() -> Work.sleep(600_000));
        }
        Thread.sleep(600_000);
    }
}
