package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Creates N executors at one site and keeps them, never shut down and never used: more pools than the model describes. */
public final class ManyPoolsProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        int n = Integer.parseInt(args[0]);
        List<ThreadPoolExecutor> kept = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kept.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>())); // MANY-POOLS
        }
        Thread.sleep(1500);
        System.out.println(kept.size() + " pools");
    }
}
