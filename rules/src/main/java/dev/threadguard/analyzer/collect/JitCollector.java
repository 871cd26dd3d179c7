package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.PoolTimeline;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import dev.threadguard.events.ThreadNames;
import java.util.List;

/**
 * The CPU time of the JVM's JIT compiler threads (NativeThreads by comm: C1/C2 CompilerThread, JVMCI) and
 * of all the process's OS threads (ProcessThreads), per time bucket: the seconds in which the JVM was
 * still compiling its code, when the application's threads run interpreted and want many times the CPU
 * their work needs once compiled.
 */
final class JitCollector implements Collector {
    private final PoolTimeline timeline;

    JitCollector(PoolTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public List<String> events() {
        return List.of(Schema.NATIVE_THREADS, Schema.PROCESS_THREADS);
    }

    @Override
    public String fills() {
        return "Model.timeline (JIT and PROCESS_CPU entries)";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        long t = e.startTime().toEpochMilli();
        if (e.type().equals(Schema.PROCESS_THREADS)) {
            if (e.has(Schema.OS_THREAD_CPU_TIME)) {
                timeline.addProcessCpu(t, pm.index, PoolTimeline.PROCESS_CPU, e.getLong(Schema.OS_THREAD_CPU_TIME));
            }
        } else if (ThreadNames.isJitCompiler(PoolCollector.nz(e.getString(Schema.COMM))) && e.has(Schema.OS_CPU_TIME)) {
            timeline.addProcessCpu(t, pm.index, PoolTimeline.JIT, e.getLong(Schema.OS_CPU_TIME));
        }
    }
}
