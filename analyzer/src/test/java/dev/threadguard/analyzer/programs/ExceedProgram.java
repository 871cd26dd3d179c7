package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002. broken: three CPU-bound pools of 2 busy workers each on this machine's processors. fixed: one
 * CPU-bound pool as wide as the processors. io: a 64-thread pool whose workers wait (I/O-bound): healthy.
 * half: one pool of 2 CPU-bound workers (two such processes together oversubscribe a 2-CPU host).
 */
public final class ExceedProgram {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long ms = 4500;
        MiniAgent.start(-2);
        int cpus = MiniAgent.onlineCpus();
        List<MiniAgent.Pool> pools = new ArrayList<>();
        List<Thread> drivers = new ArrayList<>();
        switch (mode) {
            case "broken" -> {
                pools.add(MiniAgent.fixed("AiPool fixed(" + cpus + ")", "Trainer.<init>(Trainer.java:12)", cpus, ""));
                pools.add(MiniAgent.fixed("StatsPool fixed(" + cpus + ")", "Trainer.<init>(Trainer.java:13)", cpus, ""));
                pools.add(MiniAgent.fixed("PhysicsPool fixed(" + cpus + ")", "Trainer.<init>(Trainer.java:14)", cpus, ""));
            }
            case "fixed", "half" -> pools.add(MiniAgent.fixed("AiPool fixed(" + cpus + ")", "Trainer.<init>(Trainer.java:12)",
                    mode.equals("half") ? 2 : cpus, ""));
            case "io" -> pools.add(MiniAgent.fixed("HttpPool fixed(64)", "Client.<init>(Client.java:9)", 64, ""));
            default -> throw new IllegalArgumentException(mode);
        }
        if (args.length > 1) {
            // processes started together wait for one wall-clock instant, so their busy seconds overlap
            long wait = Long.parseLong(args[1]) - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        for (MiniAgent.Pool p : pools) {
            int n = p.getMaximumPoolSize();
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
        MiniAgent.finish();
        for (MiniAgent.Pool p : pools) {
            p.shutdown();
        }
    }
}
