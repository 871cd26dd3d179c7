package dev.threadguard.samples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed 002's ThreadPoolManager in Java: one pool per subsystem. {@link #perSubsystem} gives each
 * subsystem its own share of the cores as the incident's plan did (AI a half, statistics and
 * background a quarter each, plus fixed-size physics and evaluation pools), and the shares add up
 * past the machine. {@link #budgeted} gives the frame-critical subsystems and the background
 * subsystems two pools whose sizes add up to the cores.
 */
public final class PoolManager implements AutoCloseable {
    public enum Subsystem { AI, PHYSICS, STATS, BACKGROUND, EVALUATION }

    private final Map<Subsystem, ThreadPoolExecutor> pools = new LinkedHashMap<>();
    private final String description;

    private PoolManager(String description) {
        this.description = description;
    }

    /** The incident's layout: shares of the cores per subsystem, never checked against the total. */
    public static PoolManager perSubsystem(int cores) {
        PoolManager m = new PoolManager("one pool per subsystem, sized from the cores");
        m.pools.put(Subsystem.AI, pool("ai", Math.max(1, cores / 2)));
        m.pools.put(Subsystem.PHYSICS, pool("physics", 4));
        m.pools.put(Subsystem.STATS, pool("stats", Math.max(1, cores / 4)));
        m.pools.put(Subsystem.BACKGROUND, pool("background", Math.max(1, cores / 4)));
        m.pools.put(Subsystem.EVALUATION, pool("evaluation", 8));
        return m;
    }

    /**
     * The fix: a budget of {@code cores} threads for CPU work. Frame-critical work (AI, physics)
     * gets {@code cores - cores/4} of them, everything in the background shares the rest.
     */
    public static PoolManager budgeted(int cores) {
        PoolManager m = new PoolManager("a budget of " + cores + " CPU threads shared by the subsystems");
        int background = Math.max(1, cores / 4);
        int frame = Math.max(1, cores - background);
        ThreadPoolExecutor framePool = pool("frame", frame);
        ThreadPoolExecutor backgroundPool = pool("background", background);
        m.pools.put(Subsystem.AI, framePool);
        m.pools.put(Subsystem.PHYSICS, framePool);
        m.pools.put(Subsystem.STATS, backgroundPool);
        m.pools.put(Subsystem.BACKGROUND, backgroundPool);
        m.pools.put(Subsystem.EVALUATION, backgroundPool);
        return m;
    }

    private static ThreadPoolExecutor pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
    }

    public ExecutorService pool(Subsystem s) {
        return pools.get(s);
    }

    public int threads(Subsystem s) {
        return pools.get(s).getMaximumPoolSize();
    }

    /** Threads across distinct pools. */
    public int totalThreads() {
        return pools.values().stream().distinct().mapToInt(ThreadPoolExecutor::getMaximumPoolSize).sum();
    }

    public String description() {
        return description;
    }

    public String layout() {
        Map<ThreadPoolExecutor, java.util.List<String>> names = new LinkedHashMap<>();
        pools.forEach((s, p) -> names.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(s.name().toLowerCase()));
        StringBuilder b = new StringBuilder();
        names.forEach((p, n) -> b.append(b.length() == 0 ? "" : ", ").append(String.join("+", n)).append('=').append(p.getMaximumPoolSize()));
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (ThreadPoolExecutor p : pools.values()) p.shutdownNow();
        for (ThreadPoolExecutor p : pools.values()) p.awaitTermination(10, TimeUnit.SECONDS);
    }
}
