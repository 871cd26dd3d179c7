package dev.threadguard.analyzer.programs.real;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * HikariCP over an in-memory H2 database. {@code -Dmode=shared} (the default) is HikariCP as documented: one
 * HikariDataSource for the application (maximumPoolSize 10), 16 paced callers borrowing connections for a query.
 * {@code -Dmode=per-request} builds a HikariDataSource for every query and never closes it (the classic leak): each
 * one starts its own housekeeper, connection-adder and connection-closer executors.
 */
public final class HikariProgram {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table orders(id int primary key, total int)");
            s.execute("insert into orders select x, x * 7 from system_range(1, 1000)");
        }
        boolean perRequest = System.getProperty("mode", "shared").equals("per-request");
        Load.awaitRecording();
        long millis = Long.getLong("millis", 3000);
        long calls;
        if (perRequest) {
            calls = Load.perRequest("jdbc-caller", millis, 24, () -> {
                HikariDataSource ds = dataSource(url); // HIKARI-PER-REQUEST
                query(ds);
            });
        } else {
            HikariDataSource ds = dataSource(url); // HIKARI-SHARED
            calls = Load.paced("jdbc-caller", 16, 20, millis, () -> query(ds));
            ds.close();
        }
        System.out.println("queries " + calls);
        System.exit(0);
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        return new HikariDataSource(config); // HIKARI-NEW
    }

    private static void query(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement q = c.prepareStatement("select sum(total) from orders where id <= ?")) {
            q.setInt(1, 500);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next() || r.getLong(1) != 7L * 500 * 501 / 2) {
                    throw new IllegalStateException("wrong sum");
                }
            }
        }
    }
}
