package dev.threadguard.analyzer.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Seeds 001/003, under the real agent. broken: every task of an outer pool of 4 creates its own inner pool
 * of 4. fixed: the inner work runs sequentially in the outer worker. common: the outer tasks run parallel
 * streams (the common pool, run with -XX:ActiveProcessorCount=8). commonfixed: sequential streams.
 */
public final class NestedProgram {
    public static void main(String[] args) throws Exception {
        Work.awaitRecording();
        String mode = args[0];
        ExecutorService outer = Sim.run();
        for (int round = 0; round < 3; round++) {
            Work.runAll(outer, 4, () -> {
                try {
                    switch (mode) {
                        case "broken" -> Env.step();
                        case "common" -> IntStream.range(0, 28).parallel().forEach(i -> Work.sleep(250));
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
        outer.shutdown();
    }
}

final class Sim {
    static ExecutorService run() {
        return Executors.newFixedThreadPool(4); // site: Sim
    }
}

final class Env {
    static void step() throws Exception {
        ExecutorService inner = Executors.newFixedThreadPool(4); // site: Env
        Work.runAll(inner, 4, () -> Work.sleep(1000));
        inner.shutdown();
    }
}
