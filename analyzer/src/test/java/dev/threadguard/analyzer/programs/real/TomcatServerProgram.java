package dev.threadguard.analyzer.programs.real;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat 11 with its default connector (NIO, up to 200 workers), under a steady loopback
 * load of 16 clients in the same JVM, each one request per {@code pause} ms: far below what the
 * server can serve, so nothing here should want more CPUs than exist.
 */
public final class TomcatServerProgram {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat(); // TOMCAT-SERVER
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setPort(0);
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "ok", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("ok");
            }
        });
        ctx.addServletMappingDecoded("/", "ok");
        tomcat.getConnector();
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        Load.awaitRecording();
        Load.paced("http-client", Integer.getInteger("clients", 16), Long.getLong("pause", 50), Long.getLong("millis", 4000),
                () -> Load.get("http://localhost:" + port + "/"));
        tomcat.stop();
        tomcat.destroy();
    }
}
