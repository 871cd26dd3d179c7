package testapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Three kinds of threads the OS tells apart where Java cannot: 8 workers spinning on the CPU, 6
 * workers blocked in socket reads (both RUNNABLE to Java), and a family of sleeping threads. The
 * spinning pool's workers also submit into a second executor and a ForkJoinPool.
 */
public final class OsTruthProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        ExecutorService inner = Executors.newFixedThreadPool(2); // INNER-POOL
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        ExecutorService cpu = Executors.newFixedThreadPool(8); // CPU-POOL
        List<Future<?>> spinning = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            spinning.add(cpu.submit(() -> {
                try {
                    inner.submit(() -> Programs.spin(5)).get(); // SUBMIT-INNER
                    forkJoin.submit(() -> Programs.spin(5)).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return Programs.spin(2500);
            }));
        }
        ServerSocket server = new ServerSocket(0);
        ExecutorService io = Executors.newFixedThreadPool(6); // IO-POOL
        List<Socket> sockets = new ArrayList<>();
        CountDownLatch reading = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            Socket client = new Socket("localhost", server.getLocalPort());
            sockets.add(client);
            sockets.add(server.accept());
            io.execute(() -> {
                try (InputStream in = client.getInputStream()) {
                    reading.countDown();
                    in.read();
                } catch (IOException e) {
                    // closed at exit
                }
            });
        }
        reading.await();
        for (int i = 0; i < 3; i++) {
            Thread sleeper = new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // exit
                }
            }, "sleeper-" + i);
            sleeper.setDaemon(true);
            sleeper.start();
        }
        for (Future<?> f : spinning) {
            f.get();
        }
        Thread.sleep(300);
        for (Socket s : sockets) {
            s.close();
        }
        System.exit(0);
    }
}
