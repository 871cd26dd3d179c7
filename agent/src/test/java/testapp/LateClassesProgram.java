package testapp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;

/**
 * Pools whose JDK classes (ThreadPoolExecutor, FutureTask, ForkJoinPool, ForkJoinTask) load only
 * after the agent's premain, or, with a go-file argument (attach), were loaded and used before the
 * agent came. The pools of {@link Workload} are made either way once the recording runs.
 */
public final class LateClassesProgram {
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            // attach: every class of the hook table is loaded and used before the agent arrives
            Workload.run("before-attach");
            System.out.println("ready " + ProcessHandle.current().pid());
            System.out.flush();
            Path go = Path.of(args[0]);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        // -javaagent: nothing of the pools has loaded yet; this waits (sleeping) for the recording
        Programs.awaitRecording();
        Workload.run("late");
        System.out.println("done");
    }

    /** A pool of 2 running K tasks at once (Futures), a fork and a submit into a ForkJoinPool from its workers. */
    public static final class Workload {
        public static final int K = 2;

        static void run(String name) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(K); // LATE-TPE
            ForkJoinPool forkJoin = new ForkJoinPool(3); // LATE-FJP
            CountDownLatch together = new CountDownLatch(K);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < K; i++) {
                futures.add(pool.submit(() -> {
                    together.countDown();
                    together.await(10, TimeUnit.SECONDS);
                    release.await(60, TimeUnit.SECONDS);
                    // from a worker of the executor: a fork goes to the common pool, a submit into forkJoin
                    new Spin().fork().join();
                    forkJoin.submit(() -> Programs.spin(5)).get();
                    return Programs.spin(20);
                }));
            }
            // the K tasks run at once until a sample has counted them (before an attach there is no agent to wait for)
            boolean counted = !name.equals("late") || Programs.awaitEvent("threadguard.PoolSample",
                e -> e.getInt("configuredSize") == K && e.getInt("peakBusy") == K, 60);
            release.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            forkJoin.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            forkJoin.awaitTermination(10, TimeUnit.SECONDS);
            System.out.println(name + " pools done, K at once sampled " + counted);
        }
    }

    static final class Spin extends RecursiveAction {
        @Override
        protected void compute() {
            Programs.spin(5);
        }
    }
}
