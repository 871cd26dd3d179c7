package dev.threadguard.analyzer.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.cli.Main;
import dev.threadguard.analyzer.programs.NestedLater;
import dev.threadguard.analyzer.support.Child;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * threadguard watch on a running JVM: a nested explosion 3 s into a run under the agent is reported
 * within 5 s; a JVM started without the agent gets it attached and its finding reported too.
 */
class WatchIT {

    /** Lines as they are written, each with the wall time it arrived. */
    static final class TimedLines extends Writer {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final StringBuilder pending = new StringBuilder();

        @Override
        public synchronized void write(char[] c, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (c[i] == '\n') {
                    lines.add(System.currentTimeMillis() + " " + pending);
                    pending.setLength(0);
                } else {
                    pending.append(c[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static Path agent() {
        Path agent = Path.of(System.getProperty("threadguard.agent.jar", "../agent/target/threadguard.jar"));
        assertTrue(Files.isRegularFile(agent), "agent jar not built: " + agent);
        return agent;
    }

    @Test
    void nestedExplosionStartedThreeSecondsInIsSeenWithinFiveSeconds() throws Exception {
        long latency = watch(true);
        assertTrue(latency <= 5000, "seen " + latency + " ms after the explosion");
    }

    @Test
    void aJvmWithoutTheAgentGetsItAttachedAndIsWatched() throws Exception {
        // the latency here includes attaching and the agent's recording start: not the measure
        assertTrue(watch(false) < 30_000);
    }

    /**
     * The explosion's inner pools end 6 s after it began and the JVM stays calm: the finding clears
     * once what describes the ended pools has left the window (5 s here), and watch says so.
     */
    @Test
    void theFindingClearsWhenTheExplosionEnds() throws Exception {
        Path agent = agent();
        ProcessBuilder pb = new ProcessBuilder(Child.java(), "-XX:ActiveProcessorCount=8", "-Dnested.await.go", "-javaagent:" + agent.toAbsolutePath()
                + "=recording=always,file=" + Child.workDir().resolve("cleared-%p.jfr"), "-cp", Child.classPath(),
                NestedLater.class.getName(), "6", "recorded", "30").redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process app = pb.start();
        TimedLines out = new TimedLines();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        // --agent: a no-op in a JVM that has it, and watch waits for its recording's repository
        Thread watch = new Thread(() -> code[0] = Main.run(new String[] {"watch", Long.toString(app.pid()), "--agent",
                agent.toString(), "--window", "5", "--for", "60"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        try {
            watch.start();
            go(app, err);
            BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            explosion(r);
            String calmLine = r.readLine();
            assertTrue(calmLine != null && calmLine.startsWith("calm at "), "child said: " + calmLine);
            long calm = Long.parseLong(calmLine.substring("calm at ".length()).trim());
            long deadline = System.currentTimeMillis() + 40_000;
            String cleared = null;
            while (cleared == null && System.currentTimeMillis() < deadline) {
                cleared = out.lines.stream().filter(l -> l.contains("CLEARED") && l.contains("nested-parallelism")).findFirst()
                        .orElse(null);
                Thread.sleep(50);
            }
            assertTrue(out.lines.stream().anyMatch(l -> l.contains("FOUND") && l.contains("nested-parallelism")),
                    "found first: " + out.lines + " / " + err);
            assertTrue(cleared != null, "no CLEARED line 40 s after the pools ended; watch said: " + out.lines + " / " + err);
            long clearedAt = Long.parseLong(cleared.substring(0, cleared.indexOf(' ')));
            long after = clearedAt - calm;
            System.out.println("watch cleared " + after + " ms after the inner pools ended (window 5 s): " + cleared);
            assertTrue(after > 0, "cleared before the pools ended: " + cleared);
            // the window, JFR's flush (about a second) and the 250 ms look, with room for a loaded machine
            assertTrue(after <= 15_000, "cleared " + after + " ms after the pools ended");
        } finally {
            app.destroy();
            watch.join(70_000);
        }
        assertEquals(0, code[0], err.toString());
    }

    /**
     * The child's "explosion at" line, in ms. An attach in the JVM's first moments can make it print a thread
     * dump on its stdout first (HotSpot takes the attach's SIGQUIT for a dump request: CI, JDK 25, a line
     * "2026-11-27 11:59:41" before it); that is said on the test's output, not taken for the child's answer.
     */
    private static long explosion(BufferedReader r) throws Exception {
        List<String> before = new java.util.ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("explosion at ")) {
                if (!before.isEmpty()) {
                    System.out.println("child printed " + before.size() + " line(s) before its explosion, first: " + before.get(0));
                }
                return Long.parseLong(line.substring("explosion at ".length()).trim());
            }
            before.add(line);
        }
        throw new AssertionError("the child never said 'explosion at'; it said: " + before.subList(0, Math.min(5, before.size())));
    }

    /** Lets NestedLater explode once watch is watching it (at most 30 s): the attach is done by then. */
    private static void go(Process app, StringWriter err) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!err.toString().contains("watching " + app.pid()) && System.currentTimeMillis() < deadline && app.isAlive()) {
            Thread.sleep(50);
        }
        app.getOutputStream().write('\n');
        app.getOutputStream().flush();
    }

    /** Runs NestedLater (with the agent from the start, or without) under watch; the ms from the explosion to the finding. */
    private static long watch(boolean agentAtStart) throws Exception {
        Path agent = agent();
        List<String> cmd = new java.util.ArrayList<>(List.of(Child.java(), "-XX:ActiveProcessorCount=8", "-Dnested.await.go"));
        if (agentAtStart) {
            cmd.add("-javaagent:" + agent.toAbsolutePath() + "=recording=always,file=" + Child.workDir().resolve("watched-%p.jfr"));
        }
        cmd.addAll(List.of("-cp", Child.classPath(), NestedLater.class.getName(), "25", agentAtStart ? "recorded" : "attached"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process app = pb.start();
        TimedLines out = new TimedLines();
        long latency;
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread watch = new Thread(() -> code[0] = Main.run(new String[] {"watch", Long.toString(app.pid()), "--agent",
                agent.toString(), "--for", "20"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        try {
            watch.start();
            go(app, err);
            BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            long explosion = explosion(r);
            long deadline = System.currentTimeMillis() + 30_000;
            String found = null;
            String harmful = null;
            while (harmful == null && System.currentTimeMillis() < deadline) {
                found = out.lines.stream().filter(l -> l.contains("FOUND") && l.contains("nested-parallelism")).findFirst().orElse(null);
                // owned inner pools are info until the OS measured their threads waiting for a CPU: printed again then
                harmful = out.lines.stream().filter(l -> l.contains("FOUND") && l.contains("nested-parallelism")
                        && (l.contains("critical") || l.contains("warning"))).findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertTrue(found != null, "no nested-parallelism finding in 30 s; watch said: " + out.lines + " / " + err);
            assertTrue(harmful != null, "the measured CPU wait never made it a warning or critical in 30 s: " + out.lines);
            long seenAt = Long.parseLong(found.substring(0, found.indexOf(' ')));
            latency = seenAt - explosion;
            System.out.println("watch latency (agent at start " + agentAtStart + "): " + latency + " ms: " + found
                    + "; measured harm " + (Long.parseLong(harmful.substring(0, harmful.indexOf(' '))) - explosion) + " ms: " + harmful);
            assertTrue(err.toString().contains("watching " + app.pid()), err.toString());
        } finally {
            app.destroy();
            watch.join(30_000);
        }
        assertEquals(0, code[0], err.toString());
        return latency;
    }
}
