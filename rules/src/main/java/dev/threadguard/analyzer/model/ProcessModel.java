package dev.threadguard.analyzer.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one recording (one process) told us. Filled by the collectors (dev.threadguard.analyzer.collect); bounded in size. */
public final class ProcessModel {
    public static final int MAX_POOLS = 20_000;
    public static final int MAX_EDGES = 2_000;
    public static final int MAX_FAILURES = 50;
    /** Distinct thread names (15 characters) remembered for attributing native threads. */
    public static final int MAX_COMMS = 100_000;
    /** OS thread ids of the census kept in all (8 bytes each, twice for the hash table). */
    public static final int MAX_OS_TIDS = 1_000_000;
    public int osTidsStored;

    public final int index;
    public final String source;
    public final HostFacts host = new HostFacts();
    /** Which classes are the application's and which a library's (main class, code sources). */
    public final dev.threadguard.analyzer.knobs.AppCode code = new dev.threadguard.analyzer.knobs.AppCode();
    /** By pool id, the agent's creation order: rules see the same order whatever order a reader delivers events in. */
    public final java.util.NavigableMap<Long, PoolStats> pools = new java.util.TreeMap<>();
    public int droppedPools;
    /** Distinct pools past {@link #MAX_POOLS}: folded into "other pools" in the timeline, counted here. */
    public final LongSet foldedPools = new LongSet(2_000_000);
    /** Pools past {@link #MAX_POOLS} created during the recording, by creation site (at most {@link #MAX_FOLDED_SITES} sites). */
    public final Map<String, Integer> foldedBySite = new HashMap<>();
    public static final int MAX_FOLDED_SITES = 10_000;
    public Instant start;
    public Instant end;
    public long events;
    public long threadguardEvents;
    /** Events read, per event type (what the rules' required events are checked against). */
    public final Map<String, Long> eventCounts = new LinkedHashMap<>();
    public boolean truncated;
    /** Processors of a what-if projection ({@link WhatIf}), -1 when the model is as recorded. */
    public int whatIfProcessors = -1;
    /** The run ended without writing its recording (killed or halted): read from what its chunks held. */
    public boolean cut;

    /** platformThreads, osThreads, daemonThreads, virtualThreads (threadguard.ProcessThreads). */
    public final Series threads = new Series(1000, "platform", "os", "daemon", "virtual");
    /** jdk.JavaThreadStatistics: active and daemon Java threads. */
    public final Series jdkThreads = new Series(1000, "active", "daemon");
    /** jdk.CPULoad: JVM user+system and machine total, as fractions of the machine. */
    public final Series cpuLoad = new Series(1000, "jvm", "machine");
    public int peakPlatformThreads = -1;
    public long startedThreads = -1;
    public int peakOsThreads = -1;
    public long jdkPeakThreads = -1;
    public long jdkStartedThreads = -1;
    public long firstStartedThreads = -1;
    public Instant firstStartedAt;
    public Instant lastStartedAt;

    // spawn tree
    /** Pool created by a worker of another pool: key creator pool id -> child pool ids. */
    public final Map<Long, List<Long>> createdBy = new LinkedHashMap<>();
    /** NestedPoolUse pairs (caller pool -> fork-join pool). */
    public final List<NestedUse> nestedUses = new ArrayList<>();
    /** Threads started by a pool's workers: creator pool id -> (target pool/family id or 0) -> count. */
    public final Map<Long, Map<Long, Integer>> threadsStartedBy = new LinkedHashMap<>();
    /** Threads started for a pool or family whose PoolCreated the unordered stream had not yet given (at most MAX_EDGES pools). */
    public final Map<Long, Integer> startsBeforeCreation = new HashMap<>();
    /** The first of those threads' names, per pool: the pool's worker name once its PoolCreated is read. */
    public final Map<Long, String> namesBeforeCreation = new HashMap<>();
    /** From jdk.ThreadStart: parent thread name pattern -> child name pattern -> count. */
    public final Map<String, Map<String, Integer>> jdkSpawn = new LinkedHashMap<>();
    public int jdkSpawnEdges;
    public long jdkThreadStarts;

    // threads and OS threads
    public final LongSet javaTids = new LongSet(2_000_000);
    /** comm -> OS thread ids seen with that comm. */
    public final Map<String, LongSet> osThreadsByComm = new HashMap<>();
    public int maxCensusThreads;
    /** First 15 characters of a Java thread name -> pool id of the thread (0 none). */
    public final Map<String, Long> commToPool = new HashMap<>();

    // failures
    public final List<Failure> failures = new ArrayList<>();
    public int failureCount;

    public ProcessModel(int index, String source) {
        this.index = index;
        this.source = source;
        code.creators(id -> {
            PoolStats p = pools.get(id);
            return p == null ? null : p.creationFrames;
        }, id -> {
            PoolStats p = pools.get(id);
            return p == null ? 0 : p.creatorPoolId;
        });
    }

    public boolean hasAgent() {
        return threadguardEvents > 0;
    }

    public double durationSeconds() {
        if (start == null || end == null) {
            return 0;
        }
        return Math.max(0, (end.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    }

    public PoolStats pool(long id) {
        return pools.get(id);
    }

    /**
     * The pool with this id, created on first sight (null past {@link #MAX_POOLS}); the name and kind fill
     * in what no PoolCreated event told yet.
     */
    public PoolStats poolFor(long id, String name, String kind) {
        PoolStats p = pools.get(id);
        if (p == null) {
            if (pools.size() >= MAX_POOLS) {
                droppedPools++;
                foldedPools.add(id);
                return null;
            }
            p = new PoolStats(id);
            p.process = index;
            p.code = code;
            pools.put(id, p);
        }
        if (!p.createdSeen) {
            if (name != null && p.name.isEmpty()) {
                p.name = name;
            }
            if (kind != null && p.kind.isEmpty()) {
                p.kind = kind;
            }
        }
        return p;
    }

    /** Every pool and family the recording names: those described one by one and those folded past the cap. */
    public long poolsSeen() {
        return pools.size() + foldedPools.size();
    }

    /** A pool past the cap was created at this site during the recording. */
    public void foldedCreation(String site) {
        if (!site.isEmpty() && (foldedBySite.containsKey(site) || foldedBySite.size() < MAX_FOLDED_SITES)) {
            foldedBySite.merge(site, 1, Integer::sum);
        }
    }

    /** Events of this type read from the recording. */
    public long count(String eventType) {
        return eventCounts.getOrDefault(eventType, 0L);
    }

    public void seen(Instant t) {
        if (t == null) {
            return;
        }
        if (start == null || t.isBefore(start)) {
            start = t;
        }
        if (end == null || t.isAfter(end)) {
            end = t;
        }
    }

    public record NestedUse(long callerPoolId, String callerPoolName, long poolId, String poolName, String api,
            String site) {}

    public record Failure(Instant time, String threadName, long poolId, long creatorPoolId, int liveThreads,
            int osThreads, String message, String site) {}

    /** Native threads found in the OS thread census, by comm. Computed after the pass. */
    public final Map<String, Integer> nativeByComm = new LinkedHashMap<>();
    public int nativeThreads;
    /** File names of the native libraries the JVM had loaded (jdk.NativeLibrary), at most MAX_LIBRARIES. */
    public final java.util.Set<String> nativeLibraries = new java.util.LinkedHashSet<>();
    public static final int MAX_LIBRARIES = 512;
    public int jvmInternalThreads;
    public boolean osCensusSeen;
}
