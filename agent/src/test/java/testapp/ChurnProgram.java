package testapp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A pool per request, each shut down: the agent must forget them, not keep them in a small heap. */
public final class ChurnProgram {
    public static void main(String[] args) throws Exception {
        int pools = Integer.parseInt(args[0]);
        for (int i = 0; i < pools; i++) {
            ExecutorService perRequest = Executors.newSingleThreadExecutor(); // CHURN-POOL
            perRequest.submit(() -> 1).get();
            perRequest.shutdown();
            perRequest.awaitTermination(5, TimeUnit.SECONDS);
        }
        System.out.println("pools " + pools);
    }
}
