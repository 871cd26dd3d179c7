package dev.threadguard.analyzer.programs;

import java.util.stream.IntStream;

/**
 * Seeds 001/003. broken: every task of an outer pool of 4 creates its own inner pool of 4. fixed: the
 * inner work runs sequentially in the outer worker. common: the outer tasks run parallel streams (the
 * common pool, run with -XX:ActiveProcessorCount=8). commonfixed: sequential streams.
 */
public final class NestedProgram {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        MiniAgent.start(-2);
        if (mode.startsWith("common")) {
            MiniAgent.commonPoolCreated();
        }
        MiniAgent.Pool outer = MiniAgent.fixed("Sim.run:20 fixed(4)", "Sim.run(Sim.java:20)", 4, "");
        for (int round = 0; round < 3; round++) {
            Work.runAll(outer, 4, () -> {
                try {
                    switch (mode) {
                        case "broken" -> {
                            MiniAgent.Pool inner = MiniAgent.fixed("Env.step:31 fixed(4)", "Env.step(Env.java:31)", 4, "");
                            Work.runAll(inner, 4, () -> Work.sleep(1000));
                            inner.shutdown();
                        }
                        case "common" -> {
                            MiniAgent.usedCommonPool("ForkJoinPool.invoke (parallel stream)");
                            IntStream.range(0, 28).parallel().forEach(i -> Work.sleep(250));
                        }
                        case "commonfixed" -> IntStream.range(0, 4).forEach(i -> Work.sleep(250));
                        default -> {
                            for (int i = 0; i < 4; i++) {
                                Work.sleep(250);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
        }
        MiniAgent.finish();
        outer.shutdown();
    }
}
