package dev.threadguard.analyzer.programs.real;

import io.undertow.Undertow;
import java.net.InetSocketAddress;

/** An Undertow 2.3 server with its default I/O and worker threads, under a steady loopback load. */
public final class UndertowServerProgram {
    public static void main(String[] args) throws Exception {
        Undertow server = Undertow.builder() // UNDERTOW-SERVER
            .addHttpListener(0, "localhost")
            .setHandler(exchange -> exchange.getResponseSender().send("ok"))
            .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        Load.awaitRecording();
        Load.paced("http-client", 4, 10, Long.getLong("millis", 3000), () -> Load.get("http://localhost:" + port + "/"));
        server.stop();
    }
}
