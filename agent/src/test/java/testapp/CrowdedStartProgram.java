package testapp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Oversubscribes the CPUs from its first millisecond: args[0] daemon threads of one pool spin until
 * the JVM ends; main returns after args[1] ms, with them still spinning.
 */
public final class CrowdedStartProgram {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int spinners = Integer.parseInt(args[0]);
        ExecutorService pool = Executors.newFixedThreadPool(spinners, new Daemons()); // CROWDED-POOL
        for (int i = 0; i < spinners; i++) {
            pool.execute(new Spin());
        }
        Thread.sleep(Long.parseLong(args[1]));
        System.out.println("crowded done");
    }

    private static final class Spin implements Runnable {
        @Override
        public void run() {
            long x = 1;
            while (true) {
                x = x * 31 + 7;
                if (x == 42) {
                    sink = x;
                }
            }
        }
    }

    private static final class Daemons implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "spinner");
            t.setDaemon(true);
            return t;
        }
    }
}
