package dev.threadguard.analyzer.programs;

/** broken: a pool per request, never shut down. fixed: the same, shut down after each request. */
public final class LeakProgram {
    public static void main(String[] args) throws Exception {
        boolean fixed = args[0].equals("fixed");
        MiniAgent.start(-2);
        for (int request = 0; request < 14; request++) {
            MiniAgent.Pool pool = MiniAgent.fixed("Handler.handle:57 fixed(4)", "Handler.handle(Handler.java:57)", 4, "");
            Work.runAll(pool, 4, () -> Work.sleep(50));
            if (fixed) {
                pool.shutdown();
            }
            Thread.sleep(250);
        }
        Thread.sleep(1200);
        MiniAgent.finish();
        System.exit(0); // the leaked pools' non-daemon workers would keep the JVM alive
    }
}
