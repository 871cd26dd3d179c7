package dev.threadguard.analyzer.programs;

import dev.threadguard.events.Host;
import dev.threadguard.events.NestedPoolUse;
import dev.threadguard.events.OsThreadsSeen;
import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.PoolSample;
import dev.threadguard.events.PoolShutdown;
import dev.threadguard.events.ProcessThreads;
import dev.threadguard.events.Schema;
import dev.threadguard.events.TaskRejected;
import dev.threadguard.events.ThreadStartFailed;
import dev.threadguard.events.ThreadStarted;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A stand-in for the threadguard agent inside test programs: real pools whose creation, workers, busy
 * counts, queues and per-thread CPU time are written as the real threadguard events, sampled every second
 * like the agent does. Lets the analyzer's tests run on real recordings before (and besides) the agent.
 */
public final class MiniAgent {
    private MiniAgent() {}

    static final AtomicLong IDS = new AtomicLong(10);
    static final Map<Long, Pool> POOLS = new ConcurrentHashMap<>();
    static final ThreadLocal<Long> CURRENT_POOL = ThreadLocal.withInitial(() -> 0L);
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    static volatile boolean running;
    static Thread sampler;
    static final long COMMON_ID = 1;
    static long commonLastCpu = -1;
    static long commonLastTime;
    static final Map<String, Integer> EXTRA_NATIVE = new LinkedHashMap<>();
    static final AtomicLong FAKE_TID = new AtomicLong(4_000_000_000L);

    /** Writes the Host event (with {@code nprocSoft} or the real limit when -2) and starts sampling. */
    public static void start(long nprocSoft) {
        Host h = new Host();
        h.pid = ProcessHandle.current().pid();
        h.availableProcessors = Runtime.getRuntime().availableProcessors();
        h.onlineCpus = onlineCpus();
        h.physicalCores = h.onlineCpus;
        h.sockets = 1;
        h.cpusetCpus = "0-" + (h.onlineCpus - 1);
        h.cpusetSize = h.onlineCpus;
        h.cpuQuota = -1;
        String apc = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:ActiveProcessorCount=")).findFirst().orElse(null);
        h.activeProcessorCount = apc == null ? -1 : Integer.parseInt(apc.substring(apc.indexOf('=') + 1));
        h.commonPoolParallelism = ForkJoinPool.getCommonPoolParallelism();
        h.threadsMax = readLong("/proc/sys/kernel/threads-max");
        h.pidMax = readLong("/proc/sys/kernel/pid_max");
        h.nprocSoft = nprocSoft != -2 ? nprocSoft : -1;
        h.nprocHard = -1;
        h.pidsMax = -1;
        h.pidsCurrent = -1;
        StringBuilder env = new StringBuilder();
        for (String v : Schema.THREAD_ENV_VARS) {
            String val = System.getenv(v);
            if (val != null) {
                env.append(env.length() > 0 ? ", " : "").append(v).append('=').append(val);
            }
        }
        h.threadEnvironment = env.toString();
        h.agentVersion = "mini-test";
        h.agentOptions = "";
        h.commit();
        running = true;
        sampler = new Thread(() -> {
            boolean census = true;
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                sampleAll(census);
                census = false;
            }
        }, "threadguard-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** One last sample, then stop. */
    public static void finish() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        sampleAll(false);
    }

    /** Adds {@code count} fake native OS threads named {@code comm} to each OS census (like OpenMP workers). */
    public static void nativeThreads(String comm, int count) {
        EXTRA_NATIVE.merge(comm.length() > 15 ? comm.substring(0, 15) : comm, count, Integer::sum); // as the kernel cuts it
    }

    public static int onlineCpus() {
        try {
            String s;
            try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/sys/devices/system/cpu/online"))) {
                s = r.readLine().trim();
            }
            int n = 0;
            for (String part : s.split(",")) {
                String[] r = part.split("-");
                n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    static long readLong(String path) {
        try {
            // Files.readString returns only the first byte of /proc/sys files in some sandboxes: read lines
            try (java.io.BufferedReader r = Files.newBufferedReader(Path.of(path))) {
                return Long.parseLong(r.readLine().trim());
            }
        } catch (IOException | RuntimeException e) {
            return Schema.UNKNOWN;
        }
    }

    public static Pool fixed(String name, String site, int n, String relation) {
        return new Pool(name, site, n, n, new LinkedBlockingQueue<>(), relation, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The pool id of the current thread's pool, 0 outside pools. */
    public static long currentPool() {
        return CURRENT_POOL.get();
    }

    /** Records that a worker of the current pool submitted into the common pool. */
    public static void usedCommonPool(String api) {
        long caller = currentPool();
        if (caller == 0) {
            return;
        }
        Pool p = POOLS.get(caller);
        NestedPoolUse e = new NestedPoolUse();
        e.poolId = COMMON_ID;
        e.poolName = "ForkJoinPool.commonPool";
        e.callerPoolId = caller;
        e.callerPoolName = p == null ? "" : p.name;
        e.api = api;
        e.commit();
    }

    public static void commonPoolCreated() {
        PoolCreated e = new PoolCreated();
        e.poolId = COMMON_ID;
        e.poolName = "ForkJoinPool.commonPool";
        e.kind = Schema.KIND_COMMON_POOL;
        e.poolClass = ForkJoinPool.class.getName();
        e.parallelism = ForkJoinPool.getCommonPoolParallelism();
        e.maximumPoolSize = e.parallelism;
        e.corePoolSize = e.parallelism;
        e.queueType = "";
        e.queueCapacity = -1;
        e.threadFactory = "";
        e.creationSite = "";
        e.availableProcessors = Runtime.getRuntime().availableProcessors();
        e.processorRelation = "n-1";
        e.namePattern = "";
        e.threadClass = "";
        e.replayed = true;
        e.commit();
    }

    public static void threadStartFailed(String name, Throwable t) {
        ThreadStartFailed e = new ThreadStartFailed();
        e.threadName = name;
        e.poolId = 0;
        e.creatorPoolId = currentPool();
        e.liveThreads = Thread.activeCount();
        e.osThreads = osThreadCount();
        e.message = String.valueOf(t.getMessage());
        e.commit();
    }

    static int osThreadCount() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            return (int) s.count();
        } catch (IOException e) {
            return (int) Schema.UNKNOWN;
        }
    }

    static synchronized void sampleAll(boolean census) {
        for (Pool p : POOLS.values()) {
            p.sample();
        }
        sampleCommonPool();
        ProcessThreads pt = new ProcessThreads();
        pt.platformThreads = MX.getThreadCount();
        pt.daemonThreads = MX.getDaemonThreadCount();
        pt.peakPlatformThreads = MX.getPeakThreadCount();
        pt.startedThreads = MX.getTotalStartedThreadCount();
        pt.virtualThreads = Schema.UNKNOWN;
        pt.osThreads = osThreadCount();
        pt.commit();
        osCensus(census);
    }

    static boolean extraWritten;

    static void osCensus(boolean census) {
        Map<String, List<Long>> byComm = new LinkedHashMap<>();
        if (census) {
            try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) s::iterator) {
                    try {
                        String comm;
                        try (java.io.BufferedReader r = Files.newBufferedReader(task.resolve("comm"))) {
                            comm = r.readLine().trim();
                        }
                        byComm.computeIfAbsent(comm, k -> new ArrayList<>()).add(Long.parseLong(task.getFileName().toString()));
                    } catch (IOException | RuntimeException ignored) {
                        // the thread ended
                    }
                }
            } catch (IOException ignored) {
                return;
            }
        }
        if (!extraWritten) {
            for (Map.Entry<String, Integer> e : EXTRA_NATIVE.entrySet()) {
                for (int i = 0; i < e.getValue(); i++) {
                    byComm.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(FAKE_TID.incrementAndGet());
                }
            }
            extraWritten = !EXTRA_NATIVE.isEmpty();
        }
        for (Map.Entry<String, List<Long>> e : byComm.entrySet()) {
            OsThreadsSeen ev = new OsThreadsSeen();
            ev.comm = e.getKey();
            ev.count = e.getValue().size();
            StringBuilder ids = new StringBuilder();
            for (long id : e.getValue()) {
                ids.append(ids.length() > 0 ? " " : "").append(id);
            }
            ev.osThreadIds = ids.toString();
            ev.census = census;
            ev.commit();
        }
    }

    static void sampleCommonPool() {
        ForkJoinPool c = ForkJoinPool.commonPool();
        long cpu = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ForkJoinPool.commonPool-worker")) {
                long v = MX.getThreadCpuTime(t.getId());
                cpu += Math.max(0, v);
            }
        }
        long now = System.nanoTime();
        if (commonLastCpu < 0) {
            commonLastCpu = cpu;
            commonLastTime = now;
            return;
        }
        PoolSample s = new PoolSample();
        s.poolId = COMMON_ID;
        s.poolName = "ForkJoinPool.commonPool";
        s.kind = Schema.KIND_COMMON_POOL;
        s.configuredSize = c.getParallelism();
        s.poolSize = c.getPoolSize();
        s.busy = c.getActiveThreadCount();
        s.idle = Math.max(0, s.poolSize - s.busy);
        s.peakBusy = s.busy;
        s.queued = c.getQueuedSubmissionCount() + c.getQueuedTaskCount();
        s.completedTasks = c.getStealCount();
        s.largestPoolSize = s.poolSize;
        s.cpuTime = Math.max(0, cpu - commonLastCpu);
        s.interval = now - commonLastTime;
        commonLastCpu = cpu;
        commonLastTime = now;
        s.commit();
    }

    /** A ThreadPoolExecutor that writes PoolCreated, ThreadStarted, PoolSample and PoolShutdown. */
    public static final class Pool extends ThreadPoolExecutor {
        public final long id = IDS.incrementAndGet();
        public final String name;
        final AtomicInteger busy = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final Set<Thread> workers = ConcurrentHashMap.newKeySet();
        final AtomicInteger threadNo = new AtomicInteger();
        long lastCpu;
        long lastTime = System.nanoTime();
        final AtomicLong rejected = new AtomicLong();

        public Pool(String name, String site, int core, int max, BlockingQueue<Runnable> q, String relation,
                RejectedExecutionHandler h) {
            super(core, max, 30, TimeUnit.SECONDS, q);
            this.name = name;
            setThreadFactory(this::newThread);
            setRejectedExecutionHandler((r, ex) -> {
                rejected.incrementAndGet();
                TaskRejected e = new TaskRejected();
                e.poolId = id;
                e.poolName = name;
                e.rejections = 1;
                e.poolSize = getPoolSize();
                e.maximumPoolSize = getMaximumPoolSize();
                e.queued = getQueue().size();
                e.handler = h.getClass().getName();
                e.commit();
                h.rejectedExecution(r, ex);
            });
            PoolCreated e = new PoolCreated();
            e.poolId = id;
            e.poolName = name;
            e.kind = Schema.KIND_TPE;
            e.poolClass = ThreadPoolExecutor.class.getName();
            e.corePoolSize = core;
            e.maximumPoolSize = max;
            e.parallelism = max;
            e.keepAlive = TimeUnit.SECONDS.toNanos(30);
            e.queueType = q.getClass().getName();
            e.queueCapacity = q.remainingCapacity() == Integer.MAX_VALUE ? Schema.UNBOUNDED : q.remainingCapacity();
            e.threadFactory = "MiniAgent";
            e.creationSite = site;
            e.availableProcessors = Runtime.getRuntime().availableProcessors();
            e.processorRelation = relation;
            e.creatorPoolId = currentPool();
            e.namePattern = "";
            e.threadClass = "";
            e.replayed = false;
            e.commit();
            POOLS.put(id, this);
        }

        private Thread newThread(Runnable r) {
            long creator = currentPool();
            Thread t = new Thread(() -> {
                CURRENT_POOL.set(id);
                // written by the new thread itself (the real agent writes it in the parent)
                ThreadStarted e = new ThreadStarted();
                e.thread = Thread.currentThread();
                e.poolId = id;
                e.familyId = 0;
                e.creatorPoolId = creator;
                e.commit();
                r.run();
            }, name + "-" + threadNo.incrementAndGet());
            workers.add(t);
            return t;
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            int b = busy.incrementAndGet();
            peak.accumulateAndGet(b, Math::max);
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            busy.decrementAndGet();
        }

        @Override
        public void shutdown() {
            PoolShutdown e = new PoolShutdown();
            e.poolId = id;
            e.poolName = name;
            e.phase = Schema.PHASE_SHUTDOWN;
            e.poolSize = getPoolSize();
            e.completedTasks = getCompletedTaskCount();
            e.commit();
            super.shutdown();
        }

        @Override
        protected void terminated() {
            POOLS.remove(id);
        }

        synchronized void sample() {
            long cpu = 0;
            for (Thread t : workers) {
                long v = MX.getThreadCpuTime(t.getId());
                if (v > 0) {
                    cpu += v;
                }
            }
            long now = System.nanoTime();
            PoolSample s = new PoolSample();
            s.poolId = id;
            s.poolName = name;
            s.kind = Schema.KIND_TPE;
            s.configuredSize = getMaximumPoolSize();
            s.poolSize = getPoolSize();
            s.busy = busy.get();
            s.idle = Math.max(0, s.poolSize - s.busy);
            s.peakBusy = Math.max(peak.getAndSet(s.busy), s.busy);
            s.queued = getQueue().size();
            s.completedTasks = getCompletedTaskCount();
            s.largestPoolSize = getLargestPoolSize();
            s.cpuTime = Math.max(0, cpu - lastCpu);
            s.interval = now - lastTime;
            lastCpu = cpu;
            lastTime = now;
            s.commit();
        }
    }
}
