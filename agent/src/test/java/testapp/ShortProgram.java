package testapp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A run of a few milliseconds with one pool; ends by returning, or by System.exit with the given code. */
public final class ShortProgram {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2); // SHORT-POOL
        pool.submit(() -> 1).get();
        pool.shutdown();
        System.out.println("short done");
        if (args.length > 0) {
            System.exit(Integer.parseInt(args[0]));
        }
    }
}
