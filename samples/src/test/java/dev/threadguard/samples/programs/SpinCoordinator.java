package dev.threadguard.samples.programs;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003 in miniature: a coordinator JVM starts WORKERS worker JVMs that the agent does not reach
 * (started without JAVA_TOOL_OPTIONS, as a job system would), each spinning THREADS threads for MILLIS.
 */
public final class SpinCoordinator {
    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(args[0]);
        String threads = args[1];
        String millis = args[2];
        String java = ProcessHandle.current().info().command().orElse("java");
        // under the launcher the agent's recording starts in the background: be recorded before working
        boolean agent = String.valueOf(System.getenv("JAVA_TOOL_OPTIONS")).contains("-javaagent:");
        long deadline = System.nanoTime() + (agent ? 60_000_000_000L : 0);
        while (jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().stream()
                .noneMatch(r -> r.getState() == jdk.jfr.RecordingState.RUNNING) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SpinWorker.class.getName(), threads, millis).inheritIO();
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            started.add(pb.start());
        }
        for (Process p : started) {
            p.waitFor();
        }
        System.out.println("workers done: " + workers);
    }
}
