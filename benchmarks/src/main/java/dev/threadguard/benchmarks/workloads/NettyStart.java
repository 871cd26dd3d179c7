package dev.threadguard.benchmarks.workloads;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * A Netty server's start and stop: the event loop groups, a bind on loopback, one connection, a
 * graceful shutdown. Measures what the agent adds where it weaves Netty (benchmarks/ab-startup.sh
 * with this as the application; docs/performance.md).
 * usage: java -cp benchmarks.jar dev.threadguard.benchmarks.workloads.NettyStart
 */
public final class NettyStart {
    private NettyStart() {}

    public static void main(String[] args) throws Exception {
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup();
        NioEventLoopGroup clients = new NioEventLoopGroup(1);
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInboundHandlerAdapter()).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        Channel client = new Bootstrap().group(clients).channel(NioSocketChannel.class).handler(new ChannelInboundHandlerAdapter())
            .connect(server.localAddress()).sync().channel();
        client.close().sync();
        server.close().sync();
        for (NioEventLoopGroup g : new NioEventLoopGroup[] {clients, workers, boss}) {
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
        }
        System.out.println("netty started and stopped");
    }
}
