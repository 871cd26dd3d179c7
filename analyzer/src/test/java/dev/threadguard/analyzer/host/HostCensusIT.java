package dev.threadguard.analyzer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.programs.SleepingThreads;
import dev.threadguard.analyzer.support.Child;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** oshi's census of real child processes: two JVMs and one Python process, each with a known number of threads. */
class HostCensusIT {

    @Test
    void findsTheChildProcessesWithTheirThreadsRuntimeAndThreadEnvironment() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "python3 is needed (.ci/run installs it)");
        List<Process> children = new ArrayList<>();
        try {
            // a JVM with a steady set of threads: no JIT compiler threads coming and going, one GC thread
            List<String> jvm = List.of(Child.java(), "-Xint", "-XX:+UseSerialGC", "-cp", Child.classPath(),
                    SleepingThreads.class.getName());
            Process a = start(List.of(jvm.get(0), jvm.get(1), jvm.get(2), jvm.get(3), jvm.get(4), jvm.get(5), "3"), Map.of());
            Process b = start(List.of(jvm.get(0), jvm.get(1), jvm.get(2), jvm.get(3), jvm.get(4), jvm.get(5), "9"), Map.of());
            Process py = start(List.of(python.toString(), "-c", "import sys, threading\n"
                    + "for _ in range(4): threading.Thread(target=sys.stdin.read, daemon=True).start()\n"
                    + "print('threads=5', flush=True)\nthreading.Event().wait()"), Map.of("OMP_NUM_THREADS", "5"));
            children.addAll(List.of(a, b, py));
            int threadsA = reported(a);
            int threadsB = reported(b);
            assertEquals(5, reported(py));
            assertEquals(6, threadsB - threadsA, "the JVMs differ by the 6 extra sleepers");

            HostSnapshot s = new HostCensus().take(ProcessHandle.current().pid());
            ProcessInfo ca = find(s, a.pid());
            ProcessInfo cb = find(s, b.pid());
            ProcessInfo cp = find(s, py.pid());
            assertEquals(threadsA, ca.threads, "the JVM's own count of /proc/self/task");
            assertEquals(threadsB, cb.threads);
            assertEquals(5, cp.threads, "python: main + 4 threads");
            assertEquals("jvm", ca.runtime);
            assertEquals("jvm", cb.runtime);
            assertEquals("python", cp.runtime);
            assertEquals("5", cp.threadEnv.get("OMP_NUM_THREADS"), "thread-count variables are read: " + cp.threadEnv);
            assertTrue(cp.envReadable);
            assertTrue(ca.runQueueWaitSeconds >= 0 && ca.runnableThreads >= 0, "schedstat of the JVM is read");
            assertEquals(ProcessHandle.current().pid(), ca.ppid);
            assertTrue(s.logicalProcessors >= 1 && s.hostThreads >= ca.threads + cb.threads + cp.threads, "host totals");
            assertTrue(ca.program.startsWith("java " + SleepingThreads.class.getName()), ca.program);
            // the two JVMs run one program: a worker group of 2 processes
            WorkerGroups.Group g = WorkerGroups.of(List.of(s)).stream()
                    .filter(x -> x.program.equals(ca.program)).findFirst().orElseThrow();
            assertEquals(2, g.processes);
            assertEquals(threadsA + threadsB, g.threads);
        } finally {
            for (Process p : children) {
                p.destroy();
            }
        }
    }

    private static Process start(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The child's "threads=N" line (it prints it once its threads run). */
    private static int reported(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertTrue(line != null && line.startsWith("threads="), "child said: " + line);
        return Integer.parseInt(line.substring("threads=".length()).trim());
    }

    private static ProcessInfo find(HostSnapshot s, long pid) {
        return s.processes.stream().filter(p -> p.pid == pid).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + pid + " not in the census"));
    }
}
