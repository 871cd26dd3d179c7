package dev.threadguard.analyzer.programs.real;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the seconds in which other processes left most of the machine to this one (they used less than half
 * of its CPUs, as the rules' maxOtherLoad reads jdk.CPULoad), so a program can run until its recording has
 * enough seconds the rules judge by the program's own demand, however crowded the machine, within a bound.
 */
final class QuietSeconds {
    private final AtomicInteger quiet = new AtomicInteger();

    static QuietSeconds start() {
        QuietSeconds q = new QuietSeconds();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int cpus = hostCpus();
        Thread t = new Thread(() -> {
            os.getCpuLoad();
            os.getProcessCpuLoad(); // both read the change since the previous call
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                double others = Math.max(0, os.getCpuLoad() - os.getProcessCpuLoad()) * cpus;
                if (others >= 0 && others < 0.5 * cpus) {
                    q.quiet.incrementAndGet();
                }
            }
        }, "quiet-seconds");
        t.setDaemon(true);
        t.start();
        return q;
    }

    int count() {
        return quiet.get();
    }

    /** The host's CPUs (/proc/stat), not availableProcessors(): the programs run at -XX:ActiveProcessorCount. */
    private static int hostCpus() {
        try {
            int n = (int) Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            return n > 0 ? n : Runtime.getRuntime().availableProcessors();
        } catch (Exception e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
