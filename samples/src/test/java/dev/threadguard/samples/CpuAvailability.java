package dev.threadguard.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Whether a run's pools got the CPU they are judged by. pools-exceed-cores leaves out the seconds in
 * which processes outside the recordings used half the processors or more (its maxOtherLoad): on a
 * loaded machine a CPU-bound sample may have too few seconds left to be judged, and then its run
 * says nothing about the rule. Read from the recordings as the rule reads them: per second, the
 * machine's jdk.CPULoad less every recorded JVM's own share, in the seconds in which a pool was busy.
 */
final class CpuAvailability {
    private CpuAvailability() {}

    /** Why the run's pools did not get the CPU, or null when they did. */
    static String crowded(List<Path> recordings) throws IOException {
        int procs = Runtime.getRuntime().availableProcessors();
        Map<Long, Double> machine = new TreeMap<>(); // second -> the machine's total load, the most read
        Map<Long, Double> jvms = new HashMap<>(); // second -> sum over recordings of their mean JVM share
        Map<Long, Boolean> busy = new HashMap<>();
        for (Path r : recordings) {
            Map<Long, double[]> own = new HashMap<>(); // second -> JVM share sum, samples
            for (RecordedEvent e : RecordingFile.readAllEvents(r)) {
                long s = e.getStartTime().getEpochSecond();
                String type = e.getEventType().getName();
                if (type.equals("jdk.CPULoad")) {
                    machine.merge(s, (double) e.getFloat("machineTotal"), Math::max);
                    double[] o = own.computeIfAbsent(s, k -> new double[2]);
                    o[0] += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                    o[1]++;
                } else if (type.equals("threadguard.PoolSample") && e.getInt("busy") > 0) {
                    busy.put(s, true);
                }
            }
            own.forEach((s, o) -> jvms.merge(s, o[0] / o[1], Double::sum));
        }
        int n = 0;
        int clear = 0;
        for (Map.Entry<Long, Double> m : machine.entrySet()) {
            if (busy.containsKey(m.getKey())) {
                n++;
                double others = Math.max(0, m.getValue() - jvms.getOrDefault(m.getKey(), 0.0)) * procs;
                clear += others < 0.5 * procs ? 1 : 0;
            }
        }
        return n == 0 || clear >= 3 && clear >= 0.5 * n ? null : String.format(Locale.ROOT,
                "other processes used half of the %d processors or more in %d of the %d busy seconds", procs, n - clear, n);
    }
}
