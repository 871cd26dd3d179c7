package dev.threadguard.analyzer.programs.real;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A Jetty 12 server with its default thread pool, under a steady loopback load of 4 paced clients. */
public final class JettyServerProgram {
    public static void main(String[] args) throws Exception {
        Server server = new Server(0); // JETTY-SERVER
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        Load.awaitRecording();
        Load.paced("http-client", 4, 10, Long.getLong("millis", 3000), () -> Load.get("http://localhost:" + port + "/"));
        server.stop();
    }
}
