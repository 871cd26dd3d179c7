package dev.threadguard.analyzer.programs;

/** A short program with a healthy pool; "agent" writes threadguard events, "plain" only the JDK's. */
public final class SmallProgram {
    public static void main(String[] args) throws Exception {
        boolean agent = args[0].equals("agent");
        if (agent) {
            MiniAgent.start(-2);
        }
        java.util.concurrent.ExecutorService pool = agent
                ? MiniAgent.fixed(args.length > 1 ? args[1] : "Small fixed(2)", "Small.main(Small.java:7)", 2, "")
                : java.util.concurrent.Executors.newFixedThreadPool(2);
        for (int i = 0; i < 3; i++) {
            Work.runAll(pool, 2, () -> Work.sleep(700));
        }
        if (agent) {
            MiniAgent.finish();
        }
        pool.shutdown();
    }
}
