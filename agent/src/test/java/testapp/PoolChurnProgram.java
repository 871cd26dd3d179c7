package testapp;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Pools created and shut down (or just dropped: leak) as fast as the JDK can, no task ever run. */
public final class PoolChurnProgram {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        boolean leak = args.length > 1 && args[1].equals("leak");
        for (int i = 0; i < n; i++) {
            if (i % 10 == 9) {
                ForkJoinPool fj = new ForkJoinPool(2);
                if (!leak) {
                    fj.shutdown();
                }
            } else {
                ThreadPoolExecutor p = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                if (!leak) {
                    p.shutdown();
                }
            }
        }
        System.out.println("pools " + n);
    }
}
