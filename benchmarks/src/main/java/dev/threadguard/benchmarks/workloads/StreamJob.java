package dev.threadguard.benchmarks.workloads;

import java.util.stream.LongStream;

/** A parallel-stream compute job on the common pool: primes below 200,000, as many times as fit. */
final class StreamJob {
    private StreamJob() {}

    static String run(long seconds) {
        long warm = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warm) {
            primes();
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long jobs = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            primes();
            jobs++;
        }
        return Workload.fmt("jobs_per_s=%.2f", jobs / ((System.nanoTime() - t0) / 1e9));
    }

    static long primes() {
        return LongStream.range(2, 200_000).parallel().filter(StreamJob::prime).count();
    }

    private static boolean prime(long n) {
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
