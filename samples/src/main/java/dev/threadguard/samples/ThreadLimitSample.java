package dev.threadguard.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Seed 004: a burst of requests on a thread-per-request server. Under a low process limit
 * ({@code ulimit -u}, cgroup pids.max, threads-max) thread creation fails with
 * {@code OutOfMemoryError: unable to create native thread} and requests are lost; {@code --fixed}
 * serves the same burst from a bounded pool. Reproduce the limit as an unprivileged user (root
 * ignores RLIMIT_NPROC): {@code runuser -u nobody -- bash -c 'ulimit -u 150; java ... thread-limit'}.
 */
public final class ThreadLimitSample {
    public static void main(String[] argv) {
        Samples.launch(argv, ThreadLimitSample::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("thread-limit", argv);
        boolean fixed = a.flag("fixed", "serve the burst from a bounded pool");
        int requests = a.intValue("requests", 600, "requests in the burst");
        int downstream = a.intValue("downstream-ms", 300, "time each request waits on its downstream call");
        int workers = a.intValue("workers", 32, "pool size of the fixed form");
        int warmup = a.intValue("warmup-ms", 1500, "quiet time after start-up before the burst arrives");
        a.done("Seed 004: a thread per request until 'unable to create native thread', vs a bounded pool.");

        System.out.printf("thread-limit (%s): %d requests, each waiting %d ms downstream; %s; process limit %s%n",
                fixed ? "fixed" : "broken", requests, downstream,
                fixed ? "bounded pool of " + workers + " workers" : "a new thread per request", processLimit());

        Thread.sleep(warmup); // the server has been up a while when the burst arrives
        CountDownLatch completed = new CountDownLatch(requests);
        int accepted = 0;
        int failedStarts = 0;
        String firstError = null;
        int liveAtFailure = -1;
        long t0 = System.nanoTime();
        int peakOs;
        try (RequestServer server = fixed ? RequestServer.bounded(workers, downstream) : RequestServer.threadPerRequest(downstream);
             ThreadCounts counts = ThreadCounts.watch(20)) {
            for (int r = 0; r < requests; r++) {
                try {
                    server.accept(r, completed);
                    accepted++;
                } catch (OutOfMemoryError e) {
                    // what a thread-per-request server sees: the request is lost (here: counted)
                    if (firstError == null) {
                        firstError = e.getMessage();
                        liveAtFailure = ThreadCounts.javaThreads();
                    }
                    failedStarts++;
                    completed.countDown();
                    if (failedStarts >= 5) { // the accept loop gives up after a few failed starts, as a real server would crash
                        for (int rest = r + 1; rest < requests; rest++) completed.countDown();
                        break;
                    }
                    Thread.sleep(2);
                }
            }
            if (!completed.await(60, TimeUnit.SECONDS)) {
                System.err.println("thread-limit: requests still running after 60 s");
            }
            peakOs = counts.peakOsThreads();
            double ms = (System.nanoTime() - t0) / 1e6;
            Table t = new Table("Mode", "Requests", "Served", "Lost", "Peak handlers", "Peak OS threads", "Time (ms)");
            t.row(fixed ? "fixed" : "broken", requests, server.served(), requests - server.served(), server.peakConcurrentHandlers(), peakOs,
                    String.format("%.0f", ms));
            t.print(System.out);
            if (firstError != null) {
                System.out.printf("first failure: OutOfMemoryError: %s (with %d live Java threads)%n", firstError, liveAtFailure);
            }
            System.out.printf("result: sample=thread-limit mode=%s requests=%d served=%d lost=%d failed_starts=%d peak_os_threads=%d ms=%.0f%n",
                    fixed ? "fixed" : "broken", requests, server.served(), requests - server.served(), failedStarts, peakOs, ms);
        }
    }

    /** RLIMIT_NPROC as /proc/self/limits shows it ("Max processes"), or "unknown". */
    static String processLimit() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max processes")) {
                    String[] f = l.substring("Max processes".length()).trim().split("\\s+");
                    return "RLIMIT_NPROC soft " + f[0] + " / hard " + f[1];
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "unknown";
    }
}
