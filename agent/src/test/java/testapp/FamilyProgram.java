package testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Event-loop groups that are no JDK pool, one group created per client: thread families from one site. */
public final class FamilyProgram {
    static final class Client {
        final List<Thread> loops = new ArrayList<>();

        Client(int group, CountDownLatch closed) {
            for (int i = 1; i <= 2; i++) {
                Thread loop = new Thread(() -> {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "loop-" + group + "-" + i);
                loop.start(); // FAMILY-START
                loops.add(loop);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        CountDownLatch closed = new CountDownLatch(1);
        List<Client> clients = new ArrayList<>();
        for (int group = 1; group <= 3; group++) {
            clients.add(new Client(group, closed));
        }
        Thread.sleep(600);
        closed.countDown();
        for (Client c : clients) {
            for (Thread t : c.loops) {
                t.join();
            }
        }
        System.out.println("clients " + clients.size());
    }
}
