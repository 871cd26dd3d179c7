package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 002, under the real agent. broken: three CPU-bound pools as wide as the processors, each fully
 * busy. fixed: one such pool. io: a 64-thread pool whose workers wait (I/O-bound): healthy. half: one pool
 * of 2 CPU-bound workers (two such processes together oversubscribe a 2-CPU host).
 */
public final class ExceedProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        String mode = args[0];
        long ms = 4500;
        int cpus = Runtime.getRuntime().availableProcessors();
        List<ExecutorService> pools = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        switch (mode) {
            case "broken" -> {
                for (int i = 0; i < 3; i++) {
                    pools.add(Trainer.pool(cpus));
                    widths.add(cpus);
                }
            }
            case "fixed", "half" -> {
                int n = mode.equals("half") ? 2 : cpus;
                pools.add(Trainer.pool(n));
                widths.add(n);
            }
            case "io" -> {
                pools.add(Client.pool());
                widths.add(64);
            }
            default -> throw new IllegalArgumentException(mode);
        }
        if (args.length > 1) {
            // processes started together wait for one wall-clock instant, so their busy seconds overlap
            long wait = Long.parseLong(args[1]) - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        List<Thread> drivers = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            ExecutorService p = pools.get(i);
            int n = widths.get(i);
            Thread d = new Thread(() -> {
                try {
                    Work.runAll(p, n, mode.equals("io") ? () -> Work.sleep(ms) : () -> Work.spin(ms));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            d.start();
            drivers.add(d);
        }
        for (Thread d : drivers) {
            d.join();
        }
        for (ExecutorService p : pools) {
            p.shutdown();
        }
    }
}

final class Trainer {
    static ExecutorService pool(int n) {
        return Executors.newFixedThreadPool(n); // site: Trainer
    }
}

final class Client {
    static ExecutorService pool() {
        return Executors.newFixedThreadPool(64); // site: Client
    }
}
