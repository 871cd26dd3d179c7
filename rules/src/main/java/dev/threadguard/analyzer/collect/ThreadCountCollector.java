package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.time.Instant;
import java.util.List;

/** Thread counts over time (the agent's and the JDK's), threads started, and failed thread starts. */
final class ThreadCountCollector implements Collector {
    @Override
    public List<String> events() {
        return List.of(Schema.PROCESS_THREADS, "jdk.JavaThreadStatistics", Schema.THREAD_START_FAILED);
    }

    @Override
    public String fills() {
        return "ProcessModel.threads, jdkThreads, peak/started thread counts, failures";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        switch (e.type()) {
            case Schema.PROCESS_THREADS -> processThreads(e, pm);
            case Schema.THREAD_START_FAILED -> {
                pm.failureCount++;
                if (pm.failures.size() < ProcessModel.MAX_FAILURES) {
                    pm.failures.add(new ProcessModel.Failure(e.startTime(), e.getString(Schema.THREAD_NAME),
                            e.getLong(Schema.POOL_ID), e.getLong(Schema.CREATOR_POOL_ID),
                            e.getInt(Schema.LIVE_THREADS), e.getInt(Schema.OS_THREADS),
                            PoolCollector.nz(e.getString(Schema.MESSAGE)), Frames.site(e.stack())));
                }
            }
            default -> {
                pm.jdkThreads.add(e.startTime().toEpochMilli(), e.getLong("activeCount"), e.getLong("daemonCount"));
                pm.jdkPeakThreads = Math.max(pm.jdkPeakThreads, e.getLong("peakCount"));
                pm.jdkStartedThreads = Math.max(pm.jdkStartedThreads, e.getLong("accumulatedCount"));
            }
        }
    }

    private static void processThreads(EventView e, ProcessModel pm) {
        int platform = e.getInt(Schema.PLATFORM_THREADS);
        int os = e.getInt(Schema.OS_THREADS);
        long virtual = e.getLong(Schema.VIRTUAL_THREADS);
        // older recordings said "not tracked" with a negative count
        boolean tracked = e.has(Schema.VIRTUAL_THREADS_TRACKED) ? e.getBoolean(Schema.VIRTUAL_THREADS_TRACKED) : virtual >= 0;
        Instant t = e.startTime();
        pm.threads.add(t.toEpochMilli(), platform, os >= 0 ? os : Double.NaN, e.getInt(Schema.DAEMON_THREADS),
                tracked ? virtual : Double.NaN);
        pm.peakPlatformThreads = Math.max(pm.peakPlatformThreads, Math.max(platform,
                e.getInt(Schema.PEAK_PLATFORM_THREADS)));
        pm.peakOsThreads = Math.max(pm.peakOsThreads, os);
        long started = e.getLong(Schema.STARTED_THREADS);
        pm.startedThreads = Math.max(pm.startedThreads, started);
        if (pm.firstStartedAt == null || t.isBefore(pm.firstStartedAt)) {
            pm.firstStartedAt = t;
            pm.firstStartedThreads = started;
        }
        if (pm.lastStartedAt == null || t.isAfter(pm.lastStartedAt)) {
            pm.lastStartedAt = t;
        }
    }
}
