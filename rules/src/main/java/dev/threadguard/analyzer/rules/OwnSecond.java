package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolTimeline;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One second of some pools' threads, as much of it as is their own doing: what they wanted of the CPUs
 * and how long they waited for one. In a second crowded by work outside those pools (other processes,
 * and the JVMs' own threads outside them: JIT, GC, a native library's threads, unpooled threads), a
 * thread that wanted a CPU only part of the second (a request thread that runs, then blocks) wants one
 * longer because it waits longer: its demand there grows with the others' load, not with its pool.
 * So there only threads that wanted a CPU nearly all the second (CPU-bound: they want one whatever else
 * runs) count as wanting it; the others count by the CPU they got. Of the wait, only the part their own
 * excess over the processors accounts for (1 - processors / demand) is theirs.
 * A second in which the JVM was still compiling its code (its JIT compiler threads used a large share of its
 * CPU) is judged the same way: the application's threads run interpreted there and want many times the CPU
 * their work needs once compiled (an embedded Tomcat under paced clients read 6.6 threads wanting a CPU in
 * its first seconds while the compilers used 0.8-1.1 of the 2 CPUs, and was quiet once they were done).
 */
record OwnSecond(boolean any, boolean crowded, boolean warmingUp, double demand, double cpuNanos, double waitNanos,
        double scale) {
    /**
     * Judges the bucket for the pools {@code judged} accepts; {@code maxOutside}: share of the processors
     * that work outside them must use for the second to be crowded; {@code saturated}: share of the second
     * a pool's threads wanted a CPU on average to count as wanting it whatever else runs; {@code jitShare}:
     * share of the recorded JVMs' CPU time their JIT compiler threads used for the second to be warm-up.
     */
    static OwnSecond of(Model model, PoolTimeline.Bucket b, Predicate<PoolTimeline.Key> judged, int procs,
            double maxOutside, double saturated, double jitShare) {
        boolean any = false;
        double demand = 0;
        double own = 0;
        double cpu = 0;
        double wait = 0;
        double cores = 0;
        for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
            PoolTimeline.Acc a = e.getValue();
            if (e.getKey().poolId() == PoolTimeline.CPU_LOAD || !a.osMeasured() || !judged.test(e.getKey())) {
                continue;
            }
            any = true;
            demand += a.osDemand();
            own += ownDemand(a, true, saturated);
            cpu += a.osCpuNanos;
            wait += a.osWaitNanos;
            cores += (double) a.osCpuNanos / a.osIntervalNanos;
        }
        double outside = outsideCores(model, b, procs, cores);
        boolean warmingUp = warmingUp(b, jitShare);
        boolean crowded = !Double.isNaN(outside) && outside >= maxOutside * procs || warmingUp;
        if (!crowded || !any) {
            return new OwnSecond(any, false, false, demand, cpu, wait, 1);
        }
        double ownWait = (cpu + wait) * Math.max(0, 1 - procs / Math.max(own, 1e-9));
        double scale = wait <= 0 ? 1 : Math.min(1, ownWait / wait);
        return new OwnSecond(true, true, warmingUp, own, cpu + wait * (1 - scale), wait * scale, scale);
    }

    /**
     * True when the recorded JVMs' JIT compiler threads used at least {@code jitShare} of their CPU time in
     * the bucket (OS-measured); false for recordings without those measurements.
     */
    static boolean warmingUp(PoolTimeline.Bucket b, double jitShare) {
        double jit = 0;
        double all = 0;
        for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
            long id = e.getKey().poolId();
            if (id == PoolTimeline.JIT) {
                jit += e.getValue().osCpuNanos;
            } else if (id == PoolTimeline.PROCESS_CPU) {
                all += e.getValue().osCpuNanos;
            }
        }
        return all > 0 && jit >= jitShare * all;
    }

    /** A pool's threads wanting a CPU in the bucket as counted: in a crowded second, what is their own. */
    static double ownDemand(PoolTimeline.Acc a, boolean crowded, double saturated) {
        double d = a.osDemand();
        if (!crowded || a.osThreadNanos <= 0 || d >= saturated * a.osThreadNanos / a.osIntervalNanos) {
            return d;
        }
        return (double) a.osCpuNanos / a.osIntervalNanos;
    }

    /**
     * Cores the machine used in the bucket outside the judged pools (jdk.CPULoad's machine total less their
     * measured CPU time); NaN when the recordings have no jdk.CPULoad there.
     */
    static double outsideCores(Model model, PoolTimeline.Bucket b, int procs, double poolCores) {
        double machine = -1;
        for (Map.Entry<PoolTimeline.Key, PoolTimeline.Acc> e : b.pools().entrySet()) {
            if (e.getKey().poolId() == PoolTimeline.CPU_LOAD && e.getValue().samples > 0) {
                machine = Math.max(machine, e.getValue().sizeSum / e.getValue().samples);
            }
        }
        if (machine < 0) {
            return Double.NaN;
        }
        int host = model.processes.get(0).host.hostProcessors();
        return Math.max(0, machine * (host > 0 ? host : procs) - poolCores);
    }
}
