package testapp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Netty echo server on loopback as servers are usually built: a boss group of one loop, the worker
 * group at Netty's default size (2 x availableProcessors()), and clients on a group of their own. One
 * connection per worker loop, so every loop starts its thread; then a graceful shutdown.
 */
public final class NettyProgram {
    /** Tasks left waiting behind a busy loop, for the samples to read as queued. */
    public static final int QUEUED = 5;

    /** Echoes what it reads. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    /** Counts the echoes that come back. */
    static final class Replies extends ChannelInboundHandlerAdapter {
        private final CountDownLatch echoed;

        Replies(CountDownLatch echoed) {
            this.echoed = echoed;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            echoed.countDown();
        }
    }

    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        NioEventLoopGroup boss = new NioEventLoopGroup(1); // BOSS-GROUP
        NioEventLoopGroup workers = new NioEventLoopGroup(); // WORKER-GROUP
        NioEventLoopGroup clients = new NioEventLoopGroup(2);
        int loops = ((MultithreadEventLoopGroup) workers).executorCount();
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new Echo());
                }
            }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();

        // Netty hands out connections to the worker loops round robin: one each starts every loop's thread
        CountDownLatch echoed = new CountDownLatch(loops);
        Bootstrap client = new Bootstrap().group(clients).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new Replies(echoed));
                }
            });
        List<Channel> connections = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            Channel c = client.connect(server.localAddress()).sync().channel();
            c.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
            connections.add(c);
        }
        if (!echoed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("echoes missing: " + echoed.getCount());
        }
        Thread.sleep(500); // samples with every loop alive and idle in its selector

        // one worker loop held on a task, QUEUED more behind it, until a sample has read them queued
        EventLoop held = workers.next();
        CountDownLatch release = new CountDownLatch(1);
        held.execute(() -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < QUEUED; i++) {
            held.execute(() -> { });
        }
        boolean seen = Programs.awaitEvent("threadguard.PoolSample",
            e -> "EventLoopGroup".equals(e.getString("kind")) && e.getLong("queued") >= QUEUED, 30);
        release.countDown();
        System.out.println("queued sampled " + seen);

        for (Channel c : connections) {
            c.close().sync();
        }
        server.close().sync();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync(); // GROUP-SHUTDOWN
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        Thread.sleep(400); // a sample sees the groups terminated
        System.out.println("loops " + loops + " terminated " + workers.isTerminated());
    }
}
