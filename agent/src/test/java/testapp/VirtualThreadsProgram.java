package testapp;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** JDK 21+: virtual threads, started through reflection so this compiles for Java 17. */
public final class VirtualThreadsProgram {
    public static void main(String[] args) throws Exception {
        Programs.awaitRecording();
        Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            threads.add((Thread) start.invoke(null, (Runnable) () -> Programs.spin(1)));
        }
        for (Thread t : threads) {
            t.join();
        }
        Thread platform = new Thread(() -> Programs.spin(1), "platform-1");
        platform.start();
        platform.join();
        Thread.sleep(300);
        System.out.println("virtual " + threads.size());
    }
}
