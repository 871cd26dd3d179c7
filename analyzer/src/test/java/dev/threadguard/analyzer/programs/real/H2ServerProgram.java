package dev.threadguard.analyzer.programs.real;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.tools.Server;

/**
 * An H2 2.2 TCP server and 16 JDBC clients, each with its own connection, querying with a short
 * pause: H2 runs a thread per connection, and each of those waits in a socket read for its client.
 * Run with -XX:ActiveProcessorCount=2.
 */
public final class H2ServerProgram {
    public static void main(String[] args) throws Exception {
        int port = Load.freePort();
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start(); // H2-SERVER
        String url = "jdbc:h2:tcp://localhost:" + port + "/mem:threadguard;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("create table item(id int primary key, name varchar(64))");
            for (int i = 0; i < 1000; i++) {
                s.execute("insert into item values(" + i + ", 'item " + i + "')");
            }
        }
        Load.awaitRecording();
        ThreadLocal<PreparedStatement> query = new ThreadLocal<>();
        Load.paced("jdbc-client", 16, 20, Long.getLong("millis", 3000), () -> {
            PreparedStatement q = query.get();
            if (q == null) {
                Connection c = DriverManager.getConnection(url, "sa", "");
                q = c.prepareStatement("select name from item where id = ?");
                query.set(q);
            }
            q.setInt(1, (int) (System.nanoTime() % 1000));
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no row");
                }
            }
        });
        server.stop();
    }
}
