package dev.threadguard.samples;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the samples print about threads: the OS threads of this process ({@code /proc/self/task},
 * which includes native threads the JVM never created) and the JVM's live threads, and a
 * background watcher that keeps the peaks while a run goes on.
 */
public final class ThreadCounts implements AutoCloseable {
    private final AtomicInteger peakOs = new AtomicInteger();
    private final AtomicInteger peakJava = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread watcher;

    private ThreadCounts(long periodMillis) {
        sample();
        watcher = new Thread(() -> {
            while (running.get()) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sample-thread-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts watching the thread counts every {@code periodMillis}. */
    public static ThreadCounts watch(long periodMillis) {
        return new ThreadCounts(periodMillis);
    }

    private void sample() {
        peakOs.accumulateAndGet(osThreads(), Math::max);
        peakJava.accumulateAndGet(javaThreads(), Math::max);
    }

    public int peakOsThreads() {
        sample();
        return peakOs.get();
    }

    public int peakJavaThreads() {
        sample();
        return peakJava.get();
    }

    /** OS threads of this process, or -1 where /proc is not there (not Linux). */
    public static int osThreads() {
        String[] tasks = new File("/proc/self/task").list();
        return tasks == null ? -1 : tasks.length;
    }

    /**
     * OS threads less those the JVM runs for itself outside its thread count, which may start at any
     * moment (a JIT compiler thread added under load, a GC worker, JFR's recorder when an agent's
     * recording starts late), by their OS names, from one listing: a difference of this minus Java
     * threads is what a native library started. -1 without /proc.
     */
    public static int osThreadsBesidesTheJvmsOwn() {
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return -1;
        }
        int n = tasks.length;
        for (File task : tasks) {
            try {
                String comm = new String(java.nio.file.Files.readAllBytes(new File(task, "comm").toPath())).trim();
                for (String prefix : JVM_OWN) {
                    if (comm.startsWith(prefix)) {
                        n--;
                        break;
                    }
                }
            } catch (java.io.IOException gone) {
                n--; // the thread ended
            }
        }
        return n;
    }

    /** Their OS names (15 characters at most); none of them is in the JVM's thread count. */
    private static final String[] JVM_OWN = {"C1 CompilerThre", "C2 CompilerThre", "GC Thread#", "G1 ", "JFR Recorder",
        "VM Thread", "VM Periodic", "Monitor Deflati", "Service Thread", "Sweeper thread"};

    public static int javaThreads() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.getThreadCount();
    }

    /** OS threads the JVM does not know as Java threads (GC/JIT threads included: compare runs). */
    public static int nonJavaThreads() {
        int os = osThreads();
        return os < 0 ? -1 : os - javaThreads();
    }

    @Override
    public void close() {
        running.set(false);
        watcher.interrupt();
    }
}
