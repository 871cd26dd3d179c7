package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.PoolStats;
import java.util.List;

/**
 * One row of the pools table: the pools of one process with one name and one creation site (a pool per
 * request shows once, "12x"). Numbers are per pool, over all members: the largest configured size, threads
 * made and peak busy of any member, and means over every member's samples, so that a row and the finding
 * about the same pools agree. The chart adds the members up over time.
 */
public final class PoolRow {
    public final int process;
    /** What the tables show: the threads' name pattern when a thread factory chose it, else the label. */
    public final String name;
    /** The pool's label from the recording (creation site and kind). */
    public final String label;
    public final String site;
    public final String siteShort;
    public final String kind;
    public final List<PoolStats> members;
    public Chart chart;

    PoolRow(int process, String name, String site, String kind, List<PoolStats> members) {
        this.process = process;
        this.name = name;
        this.label = Names.visible(members.get(0).label());
        this.site = site;
        this.siteShort = SourceLocation.parse(site).map(SourceLocation::shortForm).orElse(site);
        this.kind = kind;
        this.members = List.copyOf(members);
    }

    /** The kind in a word or two: executor, scheduled, fork-join, common pool, event loops, threads (a family). */
    public String kindShort() {
        return Names.visible(members.get(0).kind().shortName());
    }

    public int count() {
        return members.size();
    }

    /** The configured width, -1 unknown; see {@link #unbounded()}. */
    public int configured() {
        int w = -1;
        for (PoolStats p : members) {
            w = Math.max(w, p.width());
        }
        return w;
    }

    /** A pool with no upper bound on its threads (a cached thread pool). */
    public boolean unbounded() {
        return members.stream().anyMatch(PoolStats::unbounded);
    }

    /** Most threads alive at once in one member. */
    public int peakAlive() {
        return most(PoolStats::peakSize);
    }

    /** Threads one member made (a family that starts a thread per task makes thousands, few alive at once). */
    public int made() {
        return most(PoolStats::threadsMade);
    }

    /** The most of one member. */
    private int most(java.util.function.ToIntFunction<PoolStats> of) {
        return members.stream().mapToInt(of).max().orElse(0);
    }

    /** Threads all members started while the recording ran. */
    public long started() {
        long n = 0;
        for (PoolStats p : members) {
            n += p.threadsStarted;
        }
        return n;
    }

    public int peakBusy() {
        return most(PoolStats::shownPeakBusy);
    }

    public int samples() {
        int n = 0;
        for (PoolStats p : members) {
            n += p.samples;
        }
        return n;
    }

    /** Busy workers on average: for kinds that count no tasks, the threads the OS saw wanting a CPU. */
    public double meanBusy() {
        if (members.get(0).busyFromOs()) {
            return members.stream().mapToDouble(PoolStats::shownMeanBusy).average().orElse(Double.NaN);
        }
        double s = 0;
        for (PoolStats p : members) {
            s += p.busySum;
        }
        return samples() == 0 ? Double.NaN : s / samples();
    }

    public double meanIdle() {
        if (members.get(0).busyFromOs()) {
            return members.stream().mapToDouble(p -> Math.max(0, p.meanSize() - p.shownMeanBusy())).average().orElse(Double.NaN);
        }
        double s = 0;
        for (PoolStats p : members) {
            s += p.sizeSum - p.busySum;
        }
        return samples() == 0 ? Double.NaN : Math.max(0, s / samples());
    }

    public long maxQueued() {
        long m = 0;
        for (PoolStats p : members) {
            m = Math.max(m, p.maxQueued);
        }
        return m;
    }

    /** CPU share of one busy worker over all members (0..1), NaN when not measured. */
    public double cpuPerBusyWorker() {
        double cpu = 0;
        double busy = 0;
        for (PoolStats p : members) {
            cpu += p.busyCpuNanos;
            busy += p.busyWorkerNanos;
        }
        return busy <= 0 ? Double.NaN : Math.min(1.0, cpu / busy);
    }

    /** Workers waiting in the run queue for a CPU, mean over the samples the OS counters were read in; NaN none. */
    public double meanWaitingForCpu() {
        double wait = 0;
        double interval = 0;
        for (PoolStats p : members) {
            wait += p.runQueueWaitNanos;
            interval += p.osIntervalNanos;
        }
        return interval <= 0 ? Double.NaN : wait / interval;
    }

    public long completedTasks() {
        long n = 0;
        for (PoolStats p : members) {
            n += Math.max(0, p.completedTasks);
        }
        return n;
    }

    /** "running", "shutdown", "terminated", or "3 of 12 terminated" for a mixed group. */
    public String shutdown() {
        java.util.Map<String, Integer> phases = new java.util.TreeMap<>();
        for (PoolStats p : members) {
            phases.merge(p.shutdownPhase.isEmpty() ? "running" : p.shutdownPhase, 1, Integer::sum);
        }
        if (phases.size() == 1) {
            return phases.keySet().iterator().next();
        }
        StringBuilder sb = new StringBuilder();
        phases.forEach((k, v) -> sb.append(sb.length() > 0 ? ", " : "").append(v).append(' ').append(k));
        return sb.toString();
    }

    /** Never started a thread nor ran a task: an untouched common pool, a family that made no thread. */
    public boolean unused() {
        for (PoolStats p : members) {
            if (p.peakSize() > 0 || p.peakBusy() > 0 || p.completedTasks > 0 || p.threadsStarted > 0) {
                return false;
            }
        }
        return true;
    }
}
