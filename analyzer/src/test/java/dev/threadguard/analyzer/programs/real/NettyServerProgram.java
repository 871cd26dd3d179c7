package dev.threadguard.analyzer.programs.real;

import dev.threadguard.analyzer.programs.Work;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Netty 4.1 echo server built as servers are: a boss group of one loop and the worker group at
 * Netty's default size, 2 x availableProcessors(). Clients on plain sockets, one connection each, pace
 * their requests: by default one per worker loop with a 10 ms pause (every loop started, mostly
 * waiting in its selector). {@code -Dwork=MS} makes each echo compute that long on its loop first,
 * {@code -Dclients=N} and {@code -Dpause=MS} shape the load. {@code -DquietSeconds=N} runs past
 * {@code -Dmillis} until N seconds had other processes use less than half the machine, at most
 * {@code -DmaxMillis} in all: seconds the rules judge by the program's own demand, however crowded the machine.
 */
public final class NettyServerProgram {
    /** Echoes what it reads, after the configured computation. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        private final long workMillis;

        Echo(long workMillis) {
            this.workMillis = workMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (workMillis > 0) {
                Work.spin(workMillis);
            }
            ctx.writeAndFlush(msg);
        }
    }

    public static void main(String[] args) throws Exception {
        long work = Long.getLong("work", 0);
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup(); // NETTY-WORKERS
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new Echo(work));
                }
            }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        Load.awaitRecording();

        List<Socket> open = new CopyOnWriteArrayList<>();
        ThreadLocal<Socket> connection = ThreadLocal.withInitial(() -> {
            try {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.setTcpNoDelay(true);
                open.add(s);
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] ping = {'p', 'i', 'n', 'g'};
        long millis = Long.getLong("millis", 3000);
        long maxMillis = Math.max(millis, Long.getLong("maxMillis", millis));
        int quietSeconds = Integer.getInteger("quietSeconds", 0);
        QuietSeconds quiet = QuietSeconds.start();
        long start = System.nanoTime();
        java.util.function.BooleanSupplier going = () -> {
            long ran = (System.nanoTime() - start) / 1_000_000L;
            return ran < millis || quiet.count() < quietSeconds && ran < maxMillis;
        };
        long served = Load.paced("echo-client", Integer.getInteger("clients", workers.executorCount()),
            Long.getLong("pause", 10), going, () -> {
                Socket s = connection.get();
                OutputStream out = s.getOutputStream();
                out.write(ping);
                out.flush();
                InputStream in = s.getInputStream();
                if (in.readNBytes(ping.length).length != ping.length) {
                    throw new IOException("echo cut short");
                }
            });
        for (Socket s : open) {
            s.close();
        }
        server.close().sync();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        System.out.println("echoes " + served + " loops " + workers.executorCount() + " quiet seconds " + quiet.count());
    }
}
