package dev.threadguard.analyzer.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pool samples of all recordings put into common time buckets (1 s to start with; the width doubles when
 * there are more than {@link #MAX_BUCKETS}). Keyed by process index and pool id, so busy workers of several
 * processes on one host can be added up per bucket. Bounded: at most {@link #MAX_POOLS_PER_BUCKET} pools
 * per bucket and process keep their own entry; the rest are merged into one "other pools" entry.
 */
public final class PoolTimeline {
    public static final int MAX_BUCKETS = 900;
    public static final int MAX_POOLS_PER_BUCKET = 256;
    /** Pool id used for the merged entry of pools beyond {@link #MAX_POOLS_PER_BUCKET}. */
    public static final long OTHER_POOLS = -1;
    /**
     * Key of a process's jdk.CPULoad in a bucket: busySum = sum of the JVM's share of the machine,
     * sizeSum = sum of the machine's total load, samples = how many.
     */
    public static final long CPU_LOAD = -2;
    /** Key of the CPU time (osCpuNanos) a process's JIT compiler threads ran in a bucket (NativeThreads by comm). */
    public static final long JIT = -3;
    /** Key of the CPU time (osCpuNanos) all OS threads of a process ran in a bucket (ProcessThreads). */
    public static final long PROCESS_CPU = -4;

    private long width;
    private final TreeMap<Long, Map<Key, Acc>> buckets = new TreeMap<>();

    public PoolTimeline(long widthMillis) {
        this.width = widthMillis;
    }

    public long width() {
        return width;
    }

    public record Key(int process, long poolId) {}

    /** Accumulated samples of one pool in one bucket. */
    public static final class Acc {
        public int samples;
        public double busySum;
        public double sizeSum;
        public int maxBusy;
        public int maxSize;
        public int configured;
        public long maxQueued;
        public long cpuNanos;
        public long intervalNanos;
        /** What the OS measured for the sampled workers: on-CPU and run-queue time, and the interval. */
        public long osCpuNanos;
        public long osWaitNanos;
        public long osIntervalNanos;
        public int maxOsRunnable;

        /** Sampled threads times the interval they were sampled over: the most CPU time they could want. */
        public long osThreadNanos;

        /**
         * Threads that wanted a CPU on average in this bucket (on one or in the run queue); NaN unmeasured.
         * Never more than the threads sampled: the kernel adds a wait to run_delay only when the thread
         * gets a CPU, so one interval can carry a wait that began in the one before.
         */
        public double osDemand() {
            if (osIntervalNanos <= 0) {
                return Double.NaN;
            }
            double raw = (double) (osCpuNanos + osWaitNanos) / osIntervalNanos;
            return osThreadNanos > 0 ? Math.min(raw, (double) osThreadNanos / osIntervalNanos) : raw;
        }

        public boolean osMeasured() {
            return osIntervalNanos > 0;
        }

        public void addOs(int sampled, int runnable, long cpu, long wait, long interval) {
            osCpuNanos += Math.max(0, cpu);
            osWaitNanos += Math.max(0, wait);
            osIntervalNanos += interval;
            osThreadNanos += (long) Math.max(0, sampled) * interval;
            maxOsRunnable = Math.max(maxOsRunnable, runnable);
        }

        /**
         * The bucket's sampling rounds (instants) this pool was sampled in: per round, threads alive and
         * workers running a task at that instant. Sums over several pools at one round are "at once";
         * per-bucket maxima of different pools are not (they may come from pools alive one after another).
         */
        private int[] rounds = new int[0];
        private int[] roundThreads = new int[0];
        private int[] roundBusy = new int[0];
        /** Per round: most workers running a task since the pool's previous sample (the agent's peakBusy). */
        private int[] roundPeak = new int[0];
        private int instants;

        /** Records the instant of a sampling round; several pools merged into one entry add up. */
        public void addInstant(int round, int threads, int busy, int peakBusy) {
            for (int i = instants - 1; i >= 0; i--) {
                if (rounds[i] == round) {
                    roundThreads[i] += threads;
                    roundBusy[i] += busy;
                    roundPeak[i] += peakBusy;
                    return;
                }
            }
            if (instants == rounds.length) {
                int n = Math.max(4, instants * 2);
                rounds = java.util.Arrays.copyOf(rounds, n);
                roundThreads = java.util.Arrays.copyOf(roundThreads, n);
                roundBusy = java.util.Arrays.copyOf(roundBusy, n);
                roundPeak = java.util.Arrays.copyOf(roundPeak, n);
            }
            rounds[instants] = round;
            roundThreads[instants] = threads;
            roundBusy[instants] = busy;
            roundPeak[instants] = peakBusy;
            instants++;
        }

        public int instants() {
            return instants;
        }

        public int round(int i) {
            return rounds[i];
        }

        public int threadsAt(int i) {
            return roundThreads[i];
        }

        public int busyAt(int i) {
            return roundBusy[i];
        }

        public int peakBusyAt(int i) {
            return roundPeak[i];
        }

        /** Keeps the rounds divisible by {@code stride}, so that every pool keeps the same instants. */
        void thin(int stride) {
            int k = 0;
            for (int i = 0; i < instants; i++) {
                if (rounds[i] % stride == 0) {
                    rounds[k] = rounds[i];
                    roundThreads[k] = roundThreads[i];
                    roundBusy[k] = roundBusy[i];
                    roundPeak[k] = roundPeak[i];
                    k++;
                }
            }
            instants = k;
        }

        public double meanBusy() {
            return samples == 0 ? 0 : busySum / samples;
        }

        public double meanSize() {
            return samples == 0 ? 0 : sizeSum / samples;
        }

        /** Cores the pool's workers used on average in this bucket, NaN when unknown. */
        public double coresUsed() {
            return intervalNanos <= 0 || cpuNanos < 0 ? Double.NaN : (double) cpuNanos / intervalNanos;
        }

        public void add(int busy, int peakBusy, int size, int configured, long queued, long cpu, long interval) {
            samples++;
            busySum += busy;
            sizeSum += size;
            maxBusy = Math.max(maxBusy, Math.max(busy, peakBusy));
            maxSize = Math.max(maxSize, size);
            this.configured = Math.max(this.configured, configured);
            maxQueued = Math.max(maxQueued, queued);
            if (cpu >= 0 && interval > 0) {
                cpuNanos += cpu;
                intervalNanos += interval;
            }
        }

        void merge(Acc o) {
            samples += o.samples;
            busySum += o.busySum;
            sizeSum += o.sizeSum;
            maxBusy = Math.max(maxBusy, o.maxBusy);
            maxSize = Math.max(maxSize, o.maxSize);
            configured = Math.max(configured, o.configured);
            maxQueued = Math.max(maxQueued, o.maxQueued);
            cpuNanos += o.cpuNanos;
            intervalNanos += o.intervalNanos;
            osCpuNanos += o.osCpuNanos;
            osWaitNanos += o.osWaitNanos;
            osIntervalNanos += o.osIntervalNanos;
            osThreadNanos += o.osThreadNanos;
            maxOsRunnable = Math.max(maxOsRunnable, o.maxOsRunnable);
            for (int i = 0; i < o.instants; i++) {
                addInstant(o.rounds[i], o.roundThreads[i], o.roundBusy[i], o.roundPeak[i]);
            }
        }
    }

    private long lastKey = Long.MIN_VALUE;
    private Map<Key, Acc> lastBucket;
    /** Bumped when buckets merge, so cached {@link Acc}s of a caller are known stale. */
    private int generation;

    public int generation() {
        return generation;
    }

    /**
     * Sampling rounds kept as instants: those divisible by this. It doubles with the bucket width, so a
     * bucket keeps about as many instants as a one-second one did, the same ones for every pool.
     */
    private int roundStride = 1;

    /** Records what a pool had at a sampling round's instant, when the round is one that is kept. */
    public void addInstant(Acc acc, int round, int threads, int busy, int peakBusy) {
        if (round % roundStride == 0) {
            acc.addInstant(round, threads, busy, Math.max(busy, peakBusy));
        }
    }

    /** The bucket start of a time, at the current width. */
    public long bucketOf(long epochMillis) {
        return Math.floorDiv(epochMillis, width) * width;
    }

    public void add(long epochMillis, int process, long poolId, int busy, int peakBusy, int size, int configured,
            long queued, long cpuNanos, long intervalNanos) {
        acc(epochMillis, process, poolId).add(busy, peakBusy, size, configured, queued, cpuNanos, intervalNanos);
        if (buckets.size() > MAX_BUCKETS) {
            coarsen();
        }
    }

    /** The accumulator of a pool in the bucket of a time (created if needed; may be the "other pools" one). */
    public Acc acc(long epochMillis, int process, long poolId) {
        long key = Math.floorDiv(epochMillis, width) * width;
        Map<Key, Acc> bucket;
        if (key == lastKey) {
            bucket = lastBucket; // samples of one round arrive together
        } else {
            bucket = buckets.computeIfAbsent(key, x -> new HashMap<>());
            lastKey = key;
            lastBucket = bucket;
        }
        Key k = new Key(process, poolId);
        Acc acc = bucket.get(k);
        if (acc == null) {
            if (bucket.size() >= MAX_POOLS_PER_BUCKET) {
                k = new Key(process, OTHER_POOLS);
                acc = bucket.computeIfAbsent(k, x -> new Acc());
            } else {
                acc = new Acc();
                bucket.put(k, acc);
            }
        }
        return acc;
    }

    /** Adds a sample through a cached accumulator; call {@link #afterAdd} afterwards. */
    public void afterAdd() {
        if (buckets.size() > MAX_BUCKETS) {
            coarsen();
        }
    }

    /** Adds one jdk.CPULoad sample (fractions of the whole machine). */
    public void addCpuLoad(long epochMillis, int process, double jvm, double machine) {
        long key = Math.floorDiv(epochMillis, width) * width;
        Map<Key, Acc> bucket = buckets.computeIfAbsent(key, k -> new HashMap<>());
        Acc acc = bucket.computeIfAbsent(new Key(process, CPU_LOAD), k -> new Acc());
        acc.samples++;
        acc.busySum += jvm;
        acc.sizeSum += machine;
        if (buckets.size() > MAX_BUCKETS) {
            coarsen();
        }
    }

    /** Adds CPU time to one of the per-process entries {@link #JIT} or {@link #PROCESS_CPU}; no pool is touched. */
    public void addProcessCpu(long epochMillis, int process, long key, long cpuNanos) {
        if (cpuNanos <= 0) {
            return;
        }
        long k = Math.floorDiv(epochMillis, width) * width;
        buckets.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(new Key(process, key), x -> new Acc()).osCpuNanos
                += cpuNanos;
        if (buckets.size() > MAX_BUCKETS) {
            coarsen();
        }
    }

    private void coarsen() {
        width *= 2;
        roundStride *= 2;
        generation++;
        lastKey = Long.MIN_VALUE;
        lastBucket = null;
        TreeMap<Long, Map<Key, Acc>> old = new TreeMap<>(buckets);
        buckets.clear();
        for (Map.Entry<Long, Map<Key, Acc>> e : old.entrySet()) {
            long key = Math.floorDiv(e.getKey(), width) * width;
            Map<Key, Acc> into = buckets.get(key);
            if (into == null) {
                buckets.put(key, e.getValue());
                continue;
            }
            for (Map.Entry<Key, Acc> a : e.getValue().entrySet()) {
                Acc existing = into.get(a.getKey());
                if (existing == null) {
                    into.put(a.getKey(), a.getValue());
                } else {
                    existing.merge(a.getValue());
                }
            }
        }
        for (Map<Key, Acc> bucket : buckets.values()) {
            bucket.values().forEach(a -> a.thin(roundStride));
        }
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    public int bucketCount() {
        return buckets.size();
    }

    public List<Bucket> buckets() {
        List<Bucket> out = new ArrayList<>(buckets.size());
        for (Map.Entry<Long, Map<Key, Acc>> e : buckets.entrySet()) {
            out.add(new Bucket(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * At most how many workers of these pools of a process ran a task at once: per sampling round the
     * sum of each pool's peak since its previous sample (an upper bound; peaks of one round need not
     * coincide), the most over the rounds.
     */
    public int peakBusyAtOnce(int process, java.util.Set<Long> poolIds) {
        int peak = 0;
        for (Map<Key, Acc> bucket : buckets.values()) {
            Map<Integer, Integer> busy = new HashMap<>();
            for (Map.Entry<Key, Acc> e : bucket.entrySet()) {
                if (e.getKey().process() == process && poolIds.contains(e.getKey().poolId())) {
                    Acc a = e.getValue();
                    for (int i = 0; i < a.instants(); i++) {
                        peak = Math.max(peak, busy.merge(a.round(i), a.peakBusyAt(i), Integer::sum));
                    }
                }
            }
        }
        return peak;
    }

    public record Bucket(long time, Map<Key, Acc> pools) {}
}
