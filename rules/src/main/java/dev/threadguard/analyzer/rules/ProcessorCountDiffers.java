package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Info: -XX:ActiveProcessorCount, a CPU quota or a cpuset makes Runtime.availableProcessors() differ from
 * the host's online CPUs, so every pool sized from it follows that number, not the hardware.
 */
public final class ProcessorCountDiffers implements Rule {
    public static final String ID = "processor-count-differs";
    public static final Evidence AVAILABLE_PROCESSORS = Evidence.of("availableProcessors", Unit.PROCESSORS, "Runtime.availableProcessors()");
    public static final Evidence ONLINE_CPUS = Evidence.of("onlineCpus", Unit.PROCESSORS, "the host's online CPUs");
    public static final Evidence ACTIVE_PROCESSOR_COUNT = Evidence.of("activeProcessorCount", Unit.PROCESSORS, "-XX:ActiveProcessorCount, -1 when not set");
    public static final Evidence CPU_QUOTA = Evidence.of("cpuQuota", Unit.CORES, "the CPU quota, -1 when none");
    public static final Evidence CPUSET_SIZE = Evidence.of("cpusetSize", Unit.PROCESSORS, "CPUs in the cpuset");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "availableProcessors() differs from the host's CPUs (ActiveProcessorCount, quota, cpuset)";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.anyOf(Schema.HOST, "jdk.CPUInformation"));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of("jdk.ContainerConfiguration", "jdk.JVMInformation");
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of();
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        for (ProcessModel pm : model.processes) {
            HostFacts h = pm.host;
            int jvm = h.availableProcessors;
            if (jvm <= 0 && h.activeProcessorCount > 0) {
                jvm = h.activeProcessorCount;
            }
            if (jvm <= 0 || h.onlineCpus <= 0 || jvm == h.onlineCpus) {
                continue;
            }
            List<String> why = new ArrayList<>();
            if (h.activeProcessorCount > 0) {
                why.add("-XX:ActiveProcessorCount=" + h.activeProcessorCount);
            }
            if (h.cpuQuota > 0) {
                why.add("a CPU quota of " + Fmt.num(h.cpuQuota) + " cores");
            }
            if (h.cpusetSize > 0 && h.cpusetSize < h.onlineCpus) {
                why.add("a cpuset of " + h.cpusetSize + " CPUs" + (h.cpusetCpus.isEmpty() ? "" : " (" + h.cpusetCpus + ")"));
            }
            String cause = why.isEmpty() ? "the container or launcher" : String.join(" and ", why);
            boolean more = jvm > h.onlineCpus;
            String msg = "Runtime.availableProcessors() is " + jvm + " but the host has " + h.onlineCpus
                    + " online CPUs, because of " + cause + ". Pools sized from availableProcessors() (and the common "
                    + "pool, parallelism " + (h.commonPoolParallelism > 0 ? h.commonPoolParallelism : Math.max(1, jvm - 1))
                    + ") follow " + jvm + (more ? ": more threads than the hardware can run at once." : ".");
            out.add(new Finding.Builder(ID).severity(Severity.INFO)
                    .title("JVM sees " + jvm + " processors, host has " + h.onlineCpus)
                    .message(msg)
                    .evidence(AVAILABLE_PROCESSORS, jvm)
                    .evidence(ONLINE_CPUS, h.onlineCpus)
                    .evidence(ACTIVE_PROCESSOR_COUNT, h.activeProcessorCount)
                    .evidence(CPU_QUOTA, h.cpuQuota)
                    .evidence(CPUSET_SIZE, h.cpusetSize)
                    .location(model.multiProcess() ? pm.source : "")
                    .recommendation(more
                            ? "drop -XX:ActiveProcessorCount=" + h.activeProcessorCount + " or size the pools from the "
                                    + h.onlineCpus + " real CPUs"
                            : "nothing to fix if intended: pools sized from availableProcessors() get " + jvm
                                    + ", not " + h.onlineCpus)
                    .build());
        }
        return out;
    }
}
