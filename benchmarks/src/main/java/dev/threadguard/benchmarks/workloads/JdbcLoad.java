package dev.threadguard.benchmarks.workloads;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * H2 in memory over JDBC: 8 workers of a fixed pool, each with its connection, inserting and reading
 * rows. Operations per second, and the process's CPU per operation.
 */
final class JdbcLoad {
    private JdbcLoad() {}

    static final int WORKERS = 8;

    static String run(long seconds) throws Exception {
        String url = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item(id BIGINT PRIMARY KEY, worker INT, payload VARCHAR(64))");
        }
        measure(url, 2, 0);
        long process0 = Workload.processCpu();
        long ops = measure(url, seconds, 1L << 40);
        double processPerOp = (Workload.processCpu() - process0) / (double) Math.max(ops, 1);
        // CPU per operation moves much less with the machine's load than operations per second
        return Workload.fmt("ops_per_s=%.1f seconds_process_cpu_per_million=%.3f", ops / (double) seconds, processPerOp * 1e6 / 1e9);
    }

    private static long measure(String url, long seconds, long idBase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder ops = new LongAdder();
        for (int w = 0; w < WORKERS; w++) {
            long base = idBase + ((long) w << 32);
            int worker = w;
            pool.execute(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO item VALUES (?, ?, ?)");
                     PreparedStatement select = c.prepareStatement("SELECT payload FROM item WHERE id = ?")) {
                    long id = base;
                    while (!stop.get()) {
                        insert.setLong(1, id);
                        insert.setInt(2, worker);
                        insert.setString(3, "payload-" + id);
                        insert.executeUpdate();
                        select.setLong(1, id);
                        try (ResultSet rs = select.executeQuery()) {
                            rs.next();
                        }
                        id++;
                        ops.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Thread.sleep(seconds * 1000);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return ops.sum();
    }
}
