package dev.threadguard.analyzer.model;

import dev.threadguard.events.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Builds a {@link Model} from recordings in one streaming pass per file. Only the events the model needs
 * are subscribed to, so the JDK parser skips the rest; nothing holds events, every collection is bounded.
 */
public final class ModelBuilder {
    /** Events this builder reads. */
    public static final List<String> JDK_EVENTS = List.of("jdk.ThreadStart", "jdk.ThreadEnd",
            "jdk.JavaThreadStatistics", "jdk.CPULoad", "jdk.CPUInformation", "jdk.ContainerConfiguration",
            "jdk.JVMInformation", "jdk.ThreadAllocationStatistics", "jdk.ThreadCPULoad");

    private static final Pattern ACTIVE_PROCESSORS = Pattern.compile("-XX:ActiveProcessorCount=(\\d+)");
    private static final Pattern LAST_NUMBER = Pattern.compile("\\d+(?!.*\\d)");

    private final Model model = new Model();
    /** Start time of the event being handled (the stream calls handlers one at a time). */
    private Instant now;
    private int unreadable;
    private String firstUnreadable;

    public static Model build(List<Path> files) throws BadInputException {
        ModelBuilder b = new ModelBuilder();
        for (Path f : files) {
            b.read(f);
        }
        return b.model;
    }

    private void read(Path file) throws BadInputException {
        ChunkScan scan = ChunkScan.scan(file);
        if (scan.intactChunks == 0) {
            throw new BadInputException(file + ": truncated or corrupt JFR recording: " + scan.problem
                    + "; no complete chunk to read");
        }
        ProcessModel pm = new ProcessModel(model.processes.size(), file.getFileName().toString());
        pm.truncated = !scan.intact();
        try (EventStream es = EventStream.openFile(file)) {
            es.setOrdered(false);
            subscribe(es, pm);
            es.start();
        } catch (IOException | RuntimeException e) {
            if (pm.events == 0) {
                throw new BadInputException(file + ": cannot read JFR recording: " + oneLine(e), e);
            }
            model.warnings.add(file + ": read stopped early (" + oneLine(e) + "); the report covers what was read");
        }
        if (pm.events == 0) {
            // the JDK's stream skips a chunk it cannot parse without a word; ask the strict reader why
            throw new BadInputException(file + ": corrupt JFR recording: " + strictReason(file));
        }
        if (!scan.intact()) {
            model.warnings.add(file + ": " + scan.problem + "; read the " + scan.intactChunks
                    + " intact chunk(s), " + scan.intactBytes + " of " + scan.fileSize + " bytes");
        }
        if (unreadable > 0) {
            model.warnings.add(file + ": " + unreadable + " event(s) could not be read (" + firstUnreadable + ")");
            unreadable = 0;
        }
        finish(pm);
        for (ProcessModel other : model.processes) {
            if (pm.host.pid > 0 && other.host.pid == pm.host.pid && overlap(other, pm)) {
                model.warnings.add(file + ": the same process (pid " + pm.host.pid + ") as " + other.source
                        + " at the same time; its threads are counted twice: give one recording per process");
            }
        }
        model.processes.add(pm);
    }

    private static boolean overlap(ProcessModel a, ProcessModel b) {
        return a.start != null && b.start != null && !a.end.isBefore(b.start) && !b.end.isBefore(a.start);
    }

    private static String strictReason(Path file) {
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                rf.readEvent();
            }
            return "no events in it";
        } catch (IOException | RuntimeException e) {
            return oneLine(e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private void on(EventStream es, ProcessModel pm, String name, boolean threadguard, Consumer<RecordedEvent> h) {
        es.onEvent(name, e -> {
            pm.events++;
            if (threadguard) {
                pm.threadguardEvents++;
            }
            try {
                now = e.getStartTime();
                pm.seen(now);
                h.accept(e);
            } catch (RuntimeException ex) {
                unreadable++;
                if (firstUnreadable == null) {
                    firstUnreadable = name + ": " + oneLine(ex);
                }
            }
        });
    }

    private void subscribe(EventStream es, ProcessModel pm) {
        on(es, pm, Schema.POOL_CREATED, true, e -> poolCreated(pm, e));
        on(es, pm, Schema.POOL_SAMPLE, true, e -> poolSample(pm, e));
        on(es, pm, Schema.POOL_CONFIG_CHANGED, true, e -> {
            PoolStats p = pool(pm, e.getLong(Schema.POOL_ID), e.getString(Schema.POOL_NAME), "");
            if (p != null) {
                p.configChanges++;
                String s = e.getString(Schema.SETTING);
                if ("maximumPoolSize".equals(s) || "parallelism".equals(s)) {
                    p.configuredSize = Math.max(p.configuredSize, (int) e.getLong(Schema.NEW_VALUE));
                }
            }
        });
        on(es, pm, Schema.POOL_SHUTDOWN, true, e -> {
            PoolStats p = pool(pm, e.getLong(Schema.POOL_ID), e.getString(Schema.POOL_NAME), "");
            if (p != null) {
                if (p.shutdown == null || e.getStartTime().isBefore(p.shutdown)) {
                    p.shutdown = e.getStartTime();
                }
                String phase = e.getString(Schema.PHASE);
                if (p.shutdownPhase.isEmpty() || Schema.PHASE_TERMINATED.equals(phase)) {
                    p.shutdownPhase = phase == null ? "" : phase;
                }
            }
        });
        on(es, pm, Schema.TASK_REJECTED, true, e -> {
            PoolStats p = pool(pm, e.getLong(Schema.POOL_ID), e.getString(Schema.POOL_NAME), "");
            if (p != null) {
                p.rejections += Math.max(1, e.getLong(Schema.REJECTIONS));
            }
        });
        on(es, pm, Schema.WORKER_EXITED, true, e -> {
            tid(pm, e.getThread());
            if (e.getBoolean(Schema.COMPLETED_ABRUPTLY)) {
                PoolStats p = pool(pm, e.getLong(Schema.POOL_ID), e.getString(Schema.POOL_NAME), "");
                if (p != null) {
                    p.abruptExits++;
                }
            }
        });
        on(es, pm, Schema.THREAD_STARTED, true, e -> threadStarted(pm, e));
        on(es, pm, Schema.THREAD_START_FAILED, true, e -> {
            pm.failureCount++;
            if (pm.failures.size() < ProcessModel.MAX_FAILURES) {
                pm.failures.add(new ProcessModel.Failure(e.getStartTime(), e.getString(Schema.THREAD_NAME),
                        e.getLong(Schema.POOL_ID), e.getLong(Schema.CREATOR_POOL_ID),
                        e.getInt(Schema.LIVE_THREADS), e.getInt(Schema.OS_THREADS),
                        nz(e.getString(Schema.MESSAGE)), site(e.getStackTrace())));
            }
        });
        on(es, pm, Schema.NESTED_POOL_USE, true, e -> {
            long caller = e.getLong(Schema.CALLER_POOL_ID);
            long target = e.getLong(Schema.POOL_ID);
            for (ProcessModel.NestedUse u : pm.nestedUses) {
                if (u.callerPoolId() == caller && u.poolId() == target) {
                    return;
                }
            }
            if (pm.nestedUses.size() < ProcessModel.MAX_EDGES) {
                pm.nestedUses.add(new ProcessModel.NestedUse(caller, nz(e.getString(Schema.CALLER_POOL_NAME)),
                        target, nz(e.getString(Schema.POOL_NAME)), nz(e.getString(Schema.API)),
                        site(e.getStackTrace())));
            }
        });
        on(es, pm, Schema.PROCESS_THREADS, true, e -> {
            int platform = e.getInt(Schema.PLATFORM_THREADS);
            int os = e.getInt(Schema.OS_THREADS);
            long virtual = e.getLong(Schema.VIRTUAL_THREADS);
            pm.threads.add(e.getStartTime().toEpochMilli(), platform, os >= 0 ? os : Double.NaN,
                    e.getInt(Schema.DAEMON_THREADS), virtual >= 0 ? virtual : Double.NaN);
            pm.peakPlatformThreads = Math.max(pm.peakPlatformThreads, Math.max(platform,
                    e.getInt(Schema.PEAK_PLATFORM_THREADS)));
            pm.peakOsThreads = Math.max(pm.peakOsThreads, os);
            long started = e.getLong(Schema.STARTED_THREADS);
            pm.startedThreads = Math.max(pm.startedThreads, started);
            Instant t = e.getStartTime();
            if (pm.firstStartedAt == null || t.isBefore(pm.firstStartedAt)) {
                pm.firstStartedAt = t;
                pm.firstStartedThreads = started;
            }
            if (pm.lastStartedAt == null || t.isAfter(pm.lastStartedAt)) {
                pm.lastStartedAt = t;
            }
        });
        on(es, pm, Schema.OS_THREADS_SEEN, true, e -> {
            pm.osCensusSeen = true;
            String comm = nz(e.getString(Schema.COMM));
            String ids = e.getString(Schema.OS_THREAD_IDS);
            if (ids == null || ids.isBlank()) {
                return;
            }
            LongSet set = pm.osThreadsByComm.get(comm);
            if (set == null) {
                if (pm.osThreadsByComm.size() >= 4096) {
                    return;
                }
                set = new LongSet(200_000);
                pm.osThreadsByComm.put(comm, set);
            }
            int start = 0;
            int len = ids.length();
            while (start < len) {
                int sp = ids.indexOf(' ', start);
                int stop = sp < 0 ? len : sp;
                if (stop > start && pm.osTidsStored < ProcessModel.MAX_OS_TIDS) {
                    try {
                        if (set.add(Long.parseLong(ids, start, stop, 10))) {
                            pm.osTidsStored++;
                        }
                    } catch (NumberFormatException ignored) {
                        // a malformed id: skip it
                    }
                }
                start = stop + 1;
            }
            if (e.getBoolean(Schema.CENSUS)) {
                pm.maxCensusThreads = Math.max(pm.maxCensusThreads, e.getInt(Schema.COUNT));
            }
        });
        on(es, pm, Schema.HOST, true, e -> host(pm.host, e));
        on(es, pm, "jdk.NativeLibrary", false, e -> {
            String path = nz(e.getString("name"));
            if (!path.isEmpty() && pm.nativeLibraries.size() < ProcessModel.MAX_LIBRARIES) {
                pm.nativeLibraries.add(path.substring(path.lastIndexOf('/') + 1));
            }
        });

        on(es, pm, "jdk.ThreadStart", false, e -> {
            pm.jdkThreadStarts++;
            RecordedThread t = e.getThread("thread");
            RecordedThread parent = e.getThread("parentThread");
            tid(pm, t);
            tid(pm, parent);
            if (t != null) {
                String n = nz(t.getJavaName());
                if (!n.isEmpty() && pm.commToPool.size() < ProcessModel.MAX_COMMS) {
                    pm.commToPool.putIfAbsent(comm(n), 0L);
                }
                String pn = parent == null ? "" : nz(parent.getJavaName());
                if (!pn.isEmpty() && !JvmThreads.isInternal(n) && !JvmThreads.isInternal(pn)) {
                    spawnEdge(pm, pn, n);
                }
            }
        });
        on(es, pm, "jdk.ThreadEnd", false, e -> tid(pm, e.getThread("thread")));
        on(es, pm, "jdk.ThreadAllocationStatistics", false, e -> tid(pm, e.getThread("thread")));
        on(es, pm, "jdk.ThreadCPULoad", false, e -> tid(pm, e.getThread()));
        on(es, pm, "jdk.JavaThreadStatistics", false, e -> {
            pm.jdkThreads.add(e.getStartTime().toEpochMilli(), e.getLong("activeCount"), e.getLong("daemonCount"));
            pm.jdkPeakThreads = Math.max(pm.jdkPeakThreads, e.getLong("peakCount"));
            pm.jdkStartedThreads = Math.max(pm.jdkStartedThreads, e.getLong("accumulatedCount"));
        });
        on(es, pm, "jdk.CPULoad", false, e -> {
            long t = e.getStartTime().toEpochMilli();
            double jvm = e.getFloat("jvmUser") + e.getFloat("jvmSystem");
            double machine = e.getFloat("machineTotal");
            if (machine <= 0) {
                return; // the first sample of a recording has nothing to compare with: all zero
            }
            pm.cpuLoad.add(t, jvm, machine);
            model.timeline.addCpuLoad(t, pm.index, jvm, machine);
        });
        on(es, pm, "jdk.CPUInformation", false, e -> {
            HostFacts h = pm.host;
            h.cpuDescription = firstLine(nz(e.getString("cpu")));
            if (!h.fromAgent) {
                h.onlineCpus = e.getInt("hwThreads");
                h.physicalCores = e.getInt("cores");
                h.sockets = e.getInt("sockets");
            }
        });
        on(es, pm, "jdk.ContainerConfiguration", false, e -> {
            HostFacts h = pm.host;
            if (!h.fromAgent) {
                long quota = e.getLong("cpuQuota");
                long period = e.getLong("cpuSlicePeriod");
                if (quota > 0 && period > 0) {
                    h.cpuQuota = (double) quota / period;
                }
                long eff = e.getLong("effectiveCpuCount");
                if (eff > 0) {
                    h.availableProcessors = (int) eff;
                }
            }
        });
        on(es, pm, "jdk.JVMInformation", false, e -> {
            HostFacts h = pm.host;
            String v = nz(e.getString("jvmVersion"));
            int paren = v.indexOf(')');
            h.jvmVersion = paren > 0 ? v.substring(0, paren + 1) : v;
            h.jvmArguments = nz(e.getString("jvmArguments"));
            if (!h.fromAgent) {
                if (e.hasField("pid")) {
                    h.pid = e.getLong("pid");
                }
                Matcher m = ACTIVE_PROCESSORS.matcher(h.jvmArguments);
                h.activeProcessorCount = m.find() ? Integer.parseInt(m.group(1)) : -1;
            }
        });
    }

    private void host(HostFacts h, RecordedEvent e) {
        h.fromAgent = true;
        h.pid = e.getLong(Schema.PID);
        h.availableProcessors = e.getInt(Schema.AVAILABLE_PROCESSORS);
        h.onlineCpus = e.getInt(Schema.ONLINE_CPUS);
        h.physicalCores = e.getInt(Schema.PHYSICAL_CORES);
        h.sockets = e.getInt(Schema.SOCKETS);
        h.cpusetCpus = nz(e.getString(Schema.CPUSET_CPUS));
        h.cpusetSize = e.getInt(Schema.CPUSET_SIZE);
        h.cpuQuota = e.getDouble(Schema.CPU_QUOTA);
        h.activeProcessorCount = e.getInt(Schema.ACTIVE_PROCESSOR_COUNT);
        h.commonPoolParallelism = e.getInt(Schema.COMMON_POOL_PARALLELISM);
        h.threadsMax = e.getLong(Schema.THREADS_MAX);
        h.pidMax = e.getLong(Schema.PID_MAX);
        h.nprocSoft = e.getLong(Schema.NPROC_SOFT);
        h.nprocHard = e.getLong(Schema.NPROC_HARD);
        h.pidsMax = e.getLong(Schema.PIDS_MAX);
        h.pidsCurrentMax = Math.max(h.pidsCurrentMax, e.getLong(Schema.PIDS_CURRENT));
        h.threadEnvironment = nz(e.getString(Schema.THREAD_ENVIRONMENT));
        h.agentVersion = nz(e.getString(Schema.AGENT_VERSION));
        h.agentOptions = nz(e.getString(Schema.AGENT_OPTIONS));
    }

    private void poolCreated(ProcessModel pm, RecordedEvent e) {
        long id = e.getLong(Schema.POOL_ID);
        boolean replayed = e.getBoolean(Schema.REPLAYED);
        PoolStats p = pool(pm, id, null, null);
        if (p == null) {
            return;
        }
        if (p.createdSeen && !p.replayed) {
            return; // the original creation event wins over replays
        }
        if (p.createdSeen && replayed) {
            return;
        }
        p.createdSeen = true;
        p.replayed = replayed;
        p.name = nz(e.getString(Schema.POOL_NAME));
        p.kind = nz(e.getString(Schema.KIND));
        p.poolClass = nz(e.getString(Schema.POOL_CLASS));
        p.corePoolSize = e.getInt(Schema.CORE_POOL_SIZE);
        p.maximumPoolSize = e.getInt(Schema.MAXIMUM_POOL_SIZE);
        p.parallelism = e.getInt(Schema.PARALLELISM);
        p.queueType = nz(e.getString(Schema.QUEUE_TYPE));
        p.queueCapacity = e.getInt(Schema.QUEUE_CAPACITY);
        p.creationSite = nz(e.getString(Schema.CREATION_SITE));
        p.availableProcessors = e.getInt(Schema.AVAILABLE_PROCESSORS);
        p.processorRelation = nz(e.getString(Schema.PROCESSOR_RELATION));
        p.creatorPoolId = e.getLong(Schema.CREATOR_POOL_ID);
        p.namePattern = nz(e.getString(Schema.NAME_PATTERN));
        p.threadClass = nz(e.getString(Schema.THREAD_CLASS));
        p.created = e.getStartTime();
        if (!replayed) {
            p.creationStack = stack(e.getStackTrace(), 6);
        }
        if (p.creatorPoolId != 0 && p.creatorPoolId != id) {
            List<Long> kids = pm.createdBy.computeIfAbsent(p.creatorPoolId, k -> new ArrayList<>());
            if (!kids.contains(id) && kids.size() < ProcessModel.MAX_EDGES) {
                kids.add(id);
            }
        }
    }

    private final FastFields sampleFields = new FastFields(Schema.POOL_ID, Schema.BUSY, Schema.PEAK_BUSY,
            Schema.POOL_SIZE, Schema.CONFIGURED_SIZE, Schema.QUEUED, Schema.CPU_TIME, Schema.INTERVAL,
            Schema.COMPLETED_TASKS, Schema.LARGEST_POOL_SIZE);
    private final Object[] sampleValues = new Object[10];

    private void poolSample(ProcessModel pm, RecordedEvent e) {
        long id;
        int busy;
        int peakBusy;
        int size;
        int configured;
        long queued;
        long cpu;
        long interval;
        long completed;
        int largest;
        Object[] v = sampleFields.values(e, sampleValues);
        if (v != null) {
            id = FastFields.asLong(v[0]);
            busy = FastFields.asInt(v[1]);
            peakBusy = FastFields.asInt(v[2]);
            size = FastFields.asInt(v[3]);
            configured = FastFields.asInt(v[4]);
            queued = FastFields.asLong(v[5]);
            cpu = FastFields.asLong(v[6]);
            interval = FastFields.asLong(v[7]);
            completed = FastFields.asLong(v[8]);
            largest = FastFields.asInt(v[9]);
        } else {
            id = e.getLong(Schema.POOL_ID);
            busy = e.getInt(Schema.BUSY);
            peakBusy = e.getInt(Schema.PEAK_BUSY);
            size = e.getInt(Schema.POOL_SIZE);
            configured = e.getInt(Schema.CONFIGURED_SIZE);
            queued = e.getLong(Schema.QUEUED);
            cpu = e.getLong(Schema.CPU_TIME);
            interval = e.getLong(Schema.INTERVAL);
            completed = e.getLong(Schema.COMPLETED_TASKS);
            largest = e.getInt(Schema.LARGEST_POOL_SIZE);
        }
        PoolStats p = pm.pools.get(id);
        if (p == null || (!p.createdSeen && p.name.isEmpty())) {
            p = pool(pm, id, e.getString(Schema.POOL_NAME), e.getString(Schema.KIND)); // strings only when needed
        }
        Instant t = now;
        long ms = t.toEpochMilli();
        PoolTimeline tl = model.timeline;
        if (p == null) {
            tl.add(ms, pm.index, PoolTimeline.OTHER_POOLS, busy, peakBusy, size, configured, queued, cpu, interval);
            return;
        }
        long bucket = tl.bucketOf(ms);
        if (p.cachedBucket != bucket || p.cachedGeneration != tl.generation()) {
            p.cachedAcc = tl.acc(ms, pm.index, id);
            p.cachedBucket = bucket;
            p.cachedGeneration = tl.generation();
        }
        p.cachedAcc.add(busy, peakBusy, size, configured, queued, cpu, interval);
        tl.afterAdd();
        p.samples++;
        if (busy > 0 || queued > 0) {
            p.activeSamples++;
        }
        p.busySum += busy;
        p.maxBusy = Math.max(p.maxBusy, busy);
        p.maxPeakBusy = Math.max(p.maxPeakBusy, peakBusy);
        p.sizeSum += size;
        p.maxPoolSize = Math.max(p.maxPoolSize, size);
        if (configured > 0) {
            p.configuredSize = Math.max(p.configuredSize, configured);
        }
        p.maxQueued = Math.max(p.maxQueued, queued);
        if (queued > 0 && queued >= Math.max(1, size)) {
            p.samplesQueuedAtLeastWorkers++;
        }
        p.completedTasks = Math.max(p.completedTasks, completed);
        p.largestPoolSize = Math.max(p.largestPoolSize, largest);
        if (cpu >= 0 && interval > 0) {
            p.cpuNanos += cpu;
            p.intervalNanos += interval;
            if (busy > 0) {
                p.busyCpuNanos += cpu;
                p.busyWorkerNanos += (double) busy * interval;
            }
        }
        if (p.firstSample == null || t.isBefore(p.firstSample)) {
            p.firstSample = t;
        }
        if (p.lastSample == null || t.isAfter(p.lastSample)) {
            p.lastSample = t;
        }
    }

    private void threadStarted(ProcessModel pm, RecordedEvent e) {
        RecordedThread t = e.getThread(Schema.THREAD);
        tid(pm, t);
        tid(pm, e.getThread());
        long poolId = e.getLong(Schema.POOL_ID);
        long familyId = e.getLong(Schema.FAMILY_ID);
        long creator = e.getLong(Schema.CREATOR_POOL_ID);
        long owner = poolId != 0 ? poolId : familyId;
        if (t != null && t.getJavaName() != null
                && (pm.commToPool.size() < ProcessModel.MAX_COMMS || pm.commToPool.containsKey(comm(t.getJavaName())))) {
            pm.commToPool.put(comm(t.getJavaName()), owner);
        }
        if (owner != 0) {
            PoolStats p = pm.pools.get(owner);
            if (p != null) {
                p.threadsStarted++;
            }
        }
        if (creator != 0 && creator != owner) {
            Map<Long, Integer> m = pm.threadsStartedBy.computeIfAbsent(creator, k -> new HashMap<>());
            if (m.size() < ProcessModel.MAX_EDGES || m.containsKey(owner)) {
                m.merge(owner, 1, Integer::sum);
            }
        }
    }

    private void spawnEdge(ProcessModel pm, String parent, String child) {
        String pp = parent.isEmpty() ? "(no parent)" : pattern(parent);
        String cp = pattern(child);
        Map<String, Integer> m = pm.jdkSpawn.get(pp);
        if (m == null) {
            if (pm.jdkSpawnEdges >= ProcessModel.MAX_EDGES) {
                return;
            }
            m = new HashMap<>();
            pm.jdkSpawn.put(pp, m);
        }
        if (!m.containsKey(cp)) {
            if (pm.jdkSpawnEdges >= ProcessModel.MAX_EDGES) {
                return;
            }
            pm.jdkSpawnEdges++;
        }
        m.merge(cp, 1, Integer::sum);
    }

    /** A thread name with its last number replaced by '*', like the agent's family name patterns. */
    public static String pattern(String name) {
        Matcher m = LAST_NUMBER.matcher(name);
        return m.find() ? name.substring(0, m.start()) + "*" + name.substring(m.end()) : name;
    }

    /** The Linux comm of a Java thread: its name cut to 15 characters. */
    public static String comm(String javaName) {
        return javaName.length() > 15 ? javaName.substring(0, 15) : javaName;
    }

    private PoolStats pool(ProcessModel pm, long id, String name, String kind) {
        PoolStats p = pm.pools.get(id);
        if (p == null) {
            if (pm.pools.size() >= ProcessModel.MAX_POOLS) {
                pm.droppedPools++;
                return null;
            }
            p = new PoolStats(id);
            p.process = pm.index;
            pm.pools.put(id, p);
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

    private static void tid(ProcessModel pm, RecordedThread t) {
        if (t != null) {
            long tid = t.getOSThreadId();
            if (tid > 0) {
                pm.javaTids.add(tid);
            }
        }
    }

    /** The first frame outside the JDK and threadguard: Class.method(File.java:line); "" when there is none. */
    static String site(RecordedStackTrace st) {
        if (st == null) {
            return "";
        }
        String fallback = "";
        for (RecordedFrame f : st.getFrames()) {
            if (!f.isJavaFrame()) {
                continue;
            }
            String cls = f.getMethod().getType().getName();
            String s = frame(f);
            boolean agent = cls.startsWith("dev.threadguard.agent") || cls.startsWith("dev.threadguard.bootstrap")
                    || cls.startsWith("dev.threadguard.events");
            if (agent) {
                continue;
            }
            if (!(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                    || cls.startsWith("dev.threadguard.agent") || cls.startsWith("dev.threadguard.bootstrap")
                    || cls.startsWith("dev.threadguard.events"))) {
                return s;
            }
        }
        return fallback;
    }

    private static String frame(RecordedFrame f) {
        String cls = f.getMethod().getType().getName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int line = f.getLineNumber();
        String file = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        return simple + "." + f.getMethod().getName() + "(" + file + ".java" + (line > 0 ? ":" + line : "") + ")";
    }

    private static String stack(RecordedStackTrace st, int max) {
        if (st == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (RecordedFrame f : st.getFrames()) {
            if (!f.isJavaFrame()) {
                continue;
            }
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("dev.threadguard.agent") || cls.startsWith("dev.threadguard.bootstrap")) {
                continue;
            }
            if (n > 0) {
                sb.append('\n');
            }
            sb.append(frame(f));
            if (++n >= max) {
                break;
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- after the pass ----

    private void finish(ProcessModel pm) {
        long pid = pm.host.pid;
        for (Map.Entry<String, LongSet> e : pm.osThreadsByComm.entrySet()) {
            String comm = e.getKey();
            boolean internal = JvmThreads.isInternal(comm);
            int nativeCount = 0;
            for (long tid : e.getValue().toArray()) {
                if (tid == pid || pm.javaTids.contains(tid)) {
                    continue;
                }
                if (internal) {
                    pm.jvmInternalThreads++;
                } else {
                    nativeCount++;
                }
            }
            if (nativeCount > 0) {
                pm.nativeByComm.merge(comm, nativeCount, Integer::sum);
                pm.nativeThreads += nativeCount;
            }
        }
        // most native threads first
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(pm.nativeByComm.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        pm.nativeByComm.clear();
        for (Map.Entry<String, Integer> e : sorted) {
            pm.nativeByComm.put(e.getKey(), e.getValue());
        }
        pm.osThreadsByComm.clear(); // the tids are no longer needed
        if (pm.host.commonPoolParallelism < 0) {
            for (PoolStats p : pm.pools.values()) {
                if (p.isCommonPool() && p.width() > 0) {
                    pm.host.commonPoolParallelism = p.width();
                }
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
