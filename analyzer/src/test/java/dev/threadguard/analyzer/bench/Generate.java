package dev.threadguard.analyzer.bench;

import dev.threadguard.events.OsThreadsSeen;
import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.PoolSample;
import dev.threadguard.events.ProcessThreads;
import dev.threadguard.events.Schema;
import dev.threadguard.events.ThreadStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a big recording for the benchmark (run it under -XX:StartFlightRecording=settings=profile,...):
 * a busy program (pools, short threads, allocation, contended locks, parks) whose JDK events the profile
 * settings record, plus threadguard events at the rate of an agent sampling 200 pools every 10 ms.
 * Stops after {@code seconds}.
 */
public final class Generate {
    static final Object LOCK = new Object();
    static volatile Object keep;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        // pools sampled every `periodMicros` (default 10 ms: an agent with period=10ms, 200 pools)
        long periodMicros = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int sleepers = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int i = 0; i < sleepers; i++) {
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(11); // jdk.ThreadSleep (profile: >= 10 ms), with a stack
                    } catch (InterruptedException e) {
                        return;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(11_000_000L); // jdk.ThreadPark
                }
            }, "sleeper-" + i);
            t.setDaemon(true);
            t.start();
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    List<byte[]> junk = new ArrayList<>();
                    for (int j = 0; j < 200; j++) {
                        junk.add(new byte[ThreadLocalRandom.current().nextInt(16, 4096)]);
                    }
                    keep = junk;
                    synchronized (LOCK) {
                        keep = new int[64];
                    }
                    try {
                        Thread.sleep(0, 1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        int pools = 200;
        for (int p = 1; p <= pools; p++) {
            PoolCreated c = new PoolCreated();
            c.poolId = p;
            c.poolName = "Gen.pool:" + p + " fixed(8)";
            c.kind = Schema.KIND_TPE;
            c.poolClass = "java.util.concurrent.ThreadPoolExecutor";
            c.corePoolSize = 8;
            c.maximumPoolSize = 8;
            c.parallelism = 8;
            c.queueType = "java.util.concurrent.LinkedBlockingQueue";
            c.queueCapacity = -1;
            c.threadFactory = "";
            c.creationSite = "Gen.pool(Gen.java:" + p + ")";
            c.availableProcessors = Runtime.getRuntime().availableProcessors();
            c.processorRelation = "";
            c.namePattern = "";
            c.threadClass = "";
            c.commit();
        }
        long round = 0;
        while (System.nanoTime() < end) {
            for (int p = 1; p <= pools; p++) {
                PoolSample s = new PoolSample();
                s.poolId = p;
                s.poolName = "Gen.pool:" + p + " fixed(8)";
                s.kind = Schema.KIND_TPE;
                s.configuredSize = 8;
                s.poolSize = 8;
                s.busy = (int) ((round + p) % 9);
                s.idle = 8 - Math.min(8, s.busy);
                s.peakBusy = s.busy;
                s.queued = round % 5;
                s.completedTasks = round * 3;
                s.largestPoolSize = 8;
                s.cpuTime = 5_000_000L * s.busy;
                s.interval = 10_000_000L;
                s.commit();
            }
            ProcessThreads t = new ProcessThreads();
            t.platformThreads = 30;
            t.osThreads = 50;
            t.peakPlatformThreads = 40;
            t.startedThreads = round;
            t.virtualThreads = Schema.UNKNOWN;
            t.commit();
            if (round % 20 == 0) {
                Thread th = new Thread(() -> keep = new Object(), "short-" + round);
                ThreadStarted ts = new ThreadStarted();
                th.start();
                ts.thread = th;
                ts.poolId = 0;
                ts.commit();
                OsThreadsSeen os = new OsThreadsSeen();
                os.comm = "short-" + round;
                os.count = 1;
                os.osThreadIds = Long.toString(100_000 + round);
                os.census = false;
                os.commit();
            }
            round++;
            Thread.sleep(periodMicros / 1000, (int) (periodMicros % 1000) * 1000);
        }
        stop.set(true);
        pool.shutdownNow();
    }
}
