package dev.threadguard.samples.programs;

/** THREADS threads that compute for MILLIS milliseconds: a CPU-bound worker process. */
public final class SpinWorker {
    public static volatile long sink;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long until = System.currentTimeMillis() + Long.parseLong(args[1]);
        Thread[] ts = new Thread[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new Thread(() -> {
                long x = 0;
                while (System.currentTimeMillis() < until) {
                    for (int k = 0; k < 100_000; k++) {
                        x += k * 31L;
                    }
                }
                sink = x;
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
    }
}
