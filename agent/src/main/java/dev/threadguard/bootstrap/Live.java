package dev.threadguard.bootstrap;

import dev.threadguard.events.Host;
import dev.threadguard.events.Schema;
import dev.threadguard.events.live.LiveData;
import dev.threadguard.events.live.PoolView;
import dev.threadguard.events.live.ProcessView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the live pools and the process on demand, for metrics (a scrape), never from a hook and
 * without touching what the JFR sampler counts between its samples. Cumulative values (CPU,
 * run-queue wait) are kept here so that they only grow.
 */
final class Live implements LiveData.Source {

    /** Per OS thread: {on-CPU ns, run-queue wait ns} at the previous read. */
    private static Map<Integer, long[]> lastSchedstat = new HashMap<>();
    /** CPU and wait of threads gone since they were last read. */
    private static long retiredCpu;
    private static long retiredWait;

    @Override
    public List<PoolView> pools() {
        boolean measured = Sampler.freshForLive()[0] != Schema.UNKNOWN;
        synchronized (Live.class) {
            return readPools(measured);
        }
    }

    private static List<PoolView> readPools(boolean measured) {
        List<PoolState> states = new ArrayList<>(Registry.states());
        states.sort((a, b) -> Long.compare(a.id, b.id));
        List<PoolView> views = new ArrayList<>(states.size());
        for (PoolState s : states) {
            try {
                PoolView v = read(s, measured ? s.osRunQueueWaitTotal : Schema.UNKNOWN);
                if (v != null) {
                    views.add(v);
                }
            } catch (Throwable t) {
                // one odd pool must not hide the others
            }
        }
        return views;
    }

    private static PoolView read(PoolState s, long wait) {
        return s.live(cpu(s), wait);
    }

    /** The pool's CPU total, adding what its live workers used since the previous read. */
    private static long cpu(PoolState s) {
        List<WorkerRef> workers = s.liveWorkers();
        if (!workers.isEmpty()) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] ids = new long[workers.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = workers.get(i).threadId;
            }
            long[] cpu = mx instanceof com.sun.management.ThreadMXBean
                ? ((com.sun.management.ThreadMXBean) mx).getThreadCpuTime(ids) : one(mx, ids);
            for (int i = 0; i < ids.length; i++) {
                WorkerRef w = workers.get(i);
                if (cpu[i] < 0) {
                    continue;
                }
                if (w.liveCpuNanos >= 0) {
                    s.liveCpuTotal += Math.max(cpu[i] - w.liveCpuNanos, 0);
                }
                w.liveCpuNanos = cpu[i];
            }
        }
        return s.liveCpuTotal;
    }

    private static long[] one(ThreadMXBean mx, long[] ids) {
        long[] cpu = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            cpu[i] = mx.getThreadCpuTime(ids[i]);
        }
        return cpu;
    }

    @Override
    public ProcessView process() {
        // Host is a JFR event class: initialising it here while the recorder registers event classes
        // deadlocks on JFR's metadata lock (seen on JDK 25); the recorder is done first, at most the exit wait
        Control.holdForRecordingStart();
        int[] nonJava = Sampler.freshForLive();
        synchronized (Live.class) {
            return readProcess(nonJava);
        }
    }

    private static ProcessView readProcess(int[] nonJava) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long virtual = Registry.virtualTracked
            ? Math.max(Registry.VIRTUAL_STARTED.get() - Registry.VIRTUAL_ENDED.get(), 0) : Schema.UNKNOWN;
        int[] tids = ProcFs.listTasks();
        long[] schedstat = schedstat(tids);
        Host h = new Host();
        HostFacts.fill(h);
        long limit = -1;
        String limitName = "";
        long[][] limits = {{h.nprocSoft}, {h.pidsMax}, {h.threadsMax}, {h.pidMax}};
        String[] names = {"RLIMIT_NPROC", "pids.max", "threads-max", "pid_max"};
        for (int i = 0; i < limits.length; i++) {
            long v = limits[i][0];
            if (v > 0 && (limit < 0 || v < limit)) {
                limit = v;
                limitName = names[i];
            }
        }
        return new ProcessView(mx.getThreadCount(), virtual, tids.length == 0 ? (int) Schema.UNKNOWN : tids.length,
            nonJava[0], nonJava[1], schedstat[0], schedstat[1], h.availableProcessors, h.onlineCpus, h.physicalCores, h.cpusetSize, h.cpuQuota,
            limit, limitName);
    }

    /** Cumulative {CPU, run-queue wait} of all OS threads the process ever had since the first read. */
    private static long[] schedstat(int[] tids) {
        if (tids.length == 0 || tids.length > Sampler.MAX_SCHEDSTAT_THREADS) {
            return new long[] {Schema.UNKNOWN, Schema.UNKNOWN};
        }
        Map<Integer, long[]> now = new HashMap<>(tids.length * 2);
        long cpu = 0;
        long wait = 0;
        long[] read = new long[2];
        for (int tid : tids) {
            if (ProcFs.schedstat(tid, read)) {
                now.put(tid, new long[] {read[0], read[1]});
                cpu += read[0];
                wait += read[1];
            }
        }
        for (Map.Entry<Integer, long[]> gone : lastSchedstat.entrySet()) {
            if (!now.containsKey(gone.getKey())) {
                retiredCpu += gone.getValue()[0];
                retiredWait += gone.getValue()[1];
            }
        }
        lastSchedstat = now;
        if (now.isEmpty()) {
            return new long[] {Schema.UNKNOWN, Schema.UNKNOWN};
        }
        return new long[] {retiredCpu + cpu, retiredWait + wait};
    }
}
