package dev.threadguard.analyzer.programs.real;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC Java echo server with its defaults (the shared cached executor, Netty's event loops), called
 * by 16 in-JVM clients pacing one unary call each per 5 ms (-Dpause): a steady load below what 2 CPUs serve.
 */
public final class GrpcServerProgram {
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("threadguard.Echo/Echo")
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();

    public static void main(String[] args) throws Exception {
        Server server = ServerBuilder.forPort(0).addService(ServerServiceDefinition.builder("threadguard.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((String request, io.grpc.stub.StreamObserver<String> reply) -> {
                    reply.onNext(request);
                    reply.onCompleted();
                })).build()).build().start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext().build();
        ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "warm-up");
        Load.awaitRecording();
        long calls = Load.paced("grpc-client", 16, Long.getLong("pause", 5), Long.getLong("millis", 6000),
                () -> ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "hello"));
        System.out.println("calls " + calls);
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }
}
