package dev.threadguard.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.host.HostSnapshot;
import dev.threadguard.analyzer.host.ProcessInfo;
import dev.threadguard.analyzer.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The census rule on censuses built by hand: fires on measured waiting, stays quiet on idle threads and short of the cores. */
class WorkerProcessesExceedCoresTest {
    private final WorkerProcessesExceedCores rule = new WorkerProcessesExceedCores();
    private final Thresholds t = Thresholds.defaults(List.of(rule));

    static ProcessInfo worker(long pid, int threads, double cpu, double wait) {
        ProcessInfo p = new ProcessInfo();
        p.pid = pid;
        p.ppid = 10;
        p.name = "python3";
        p.program = "python3 worker.py";
        p.runtime = "python";
        p.threads = threads;
        p.cpuSeconds = cpu;
        p.runQueueWaitSeconds = wait;
        p.threadEnv.put("OMP_NUM_THREADS", "5");
        return p;
    }

    static HostSnapshot census(int processors, List<ProcessInfo> ps) {
        HostSnapshot s = new HostSnapshot();
        s.logicalProcessors = processors;
        s.cpusetSize = processors;
        s.root = 10;
        s.processes.addAll(ps);
        return s;
    }

    /** 11 workers x 5 threads on 12 cores, first census at their start, second after they ran. */
    private static Model seed003(double waitEach) {
        Model m = new Model();
        m.census.add(census(12, java.util.stream.LongStream.range(0, 11).mapToObj(i -> worker(100 + i, 5, 0, 0)).toList()));
        m.census.add(census(12, java.util.stream.LongStream.range(0, 11).mapToObj(i -> worker(100 + i, 5, 10, waitEach)).toList()));
        return m;
    }

    @Test
    void seed003ElevenWorkersTimesFiveThreadsOnTwelveCores() {
        List<Finding> f = rule.evaluate(seed003(12), t);
        assertEquals(1, f.size());
        Finding x = f.get(0);
        assertEquals(Severity.CRITICAL, x.severity());
        assertEquals(11, x.get(WorkerProcessesExceedCores.PROCESSES));
        assertEquals(5, x.get(WorkerProcessesExceedCores.THREADS_PER_PROCESS));
        assertEquals(55, x.get(WorkerProcessesExceedCores.THREADS));
        assertEquals(12, x.get(WorkerProcessesExceedCores.PROCESSORS));
        assertEquals(132.0, x.get(WorkerProcessesExceedCores.RUN_QUEUE_WAIT));
        assertTrue(x.title().startsWith("11 Python processes x 5 threads = 55 threads on 12 processors"), x.title());
        assertTrue(x.message().contains("OMP_NUM_THREADS=5"), x.message());
        assertTrue(x.recommendation().contains("to 1 in the workers' environment"), x.recommendation());
    }

    @Test
    void quietWhenTheThreadsDoNotWaitForACpu() {
        assertEquals(List.of(), rule.evaluate(seed003(0.5), t), "55 threads that mostly sleep are healthy");
    }

    @Test
    void warningBetweenTheShares() {
        assertEquals(Severity.WARNING, rule.evaluate(seed003(4), t).get(0).severity());
    }

    @Test
    void quietWithinTheCoresAndWithoutACensus() {
        Model m = new Model();
        m.census.add(census(64, List.of(worker(1, 5, 0, 0), worker(2, 5, 0, 0))));
        m.census.add(census(64, List.of(worker(1, 5, 10, 30), worker(2, 5, 10, 30))));
        assertEquals(List.of(), rule.evaluate(m, t));
        assertEquals(List.of(), rule.evaluate(new Model(), t));
    }
}
