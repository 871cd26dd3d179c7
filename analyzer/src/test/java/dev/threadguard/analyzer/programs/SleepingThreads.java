package dev.threadguard.analyzer.programs;

import java.io.File;

/** Starts N sleeping threads, prints how many OS threads the process has, and holds until stdin closes. */
public final class SleepingThreads {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    // done
                }
            }, "sleeper-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(300); // let the JVM's own lazily started threads come up
        String[] tasks = new File("/proc/self/task").list();
        System.out.println("threads=" + (tasks == null ? -1 : tasks.length));
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes stdin
        }
    }
}
