package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testapp.NettyProgram;

/**
 * Real Netty 4.1 (Maven Central) under the packaged agent: its event loop groups are pools of kind
 * EventLoopGroup sized from the group itself, their threads attributed to them, with their lifecycle.
 */
class NettyIT {
    private static final int PROCESSORS = 3;

    @TempDir
    Path dir;

    static Stream<String> jdks() {
        return AgentRun.jdks();
    }

    private static String classpath() throws Exception {
        Path netty = Path.of(System.getProperty("threadguard.app.netty", "target/app-netty"));
        try (Stream<Path> jars = Files.list(netty)) {
            List<String> cp = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().collect(Collectors.toList());
            assertEquals(4, cp.size(), "Netty's jars in " + netty + ": " + cp);
            return AgentRun.testClasses() + File.pathSeparator + String.join(File.pathSeparator, cp);
        }
    }

    private static long id(RecordedEvent e) {
        return e.getLong(Schema.POOL_ID);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void eventLoopGroupsArePoolsSizedFromTheGroup(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-XX:ActiveProcessorCount=" + PROCESSORS), classpath(),
            NettyProgram.class);
        int loops = 2 * PROCESSORS;
        assertTrue(run.stdout.contains("loops " + loops + " terminated true"), run.stdout);

        int line = lineOf(NettyProgram.class, "WORKER-GROUP");
        RecordedEvent workers = run.pool("NettyProgram.main(NettyProgram.java:" + line + ")");
        assertEquals(Schema.KIND_EVENT_LOOP_GROUP, workers.getString(Schema.KIND));
        assertEquals("io.netty.channel.nio.NioEventLoopGroup", workers.getString(Schema.POOL_CLASS));
        assertEquals(loops, workers.getInt(Schema.PARALLELISM), "configured from the group's own loops");
        assertEquals(loops, workers.getInt(Schema.MAXIMUM_POOL_SIZE));
        assertEquals(PROCESSORS, workers.getInt(Schema.AVAILABLE_PROCESSORS));
        assertEquals("2n", workers.getString(Schema.PROCESSOR_RELATION));
        assertEquals("NettyProgram.main:" + line + " NioEventLoopGroup(" + loops + ")", workers.getString(Schema.POOL_NAME));
        assertFalse(workers.getBoolean(Schema.REPLAYED));
        List<RecordedFrame> stack = workers.getStackTrace().getFrames();
        assertEquals("io.netty.util.concurrent.MultithreadEventExecutorGroup", stack.get(0).getMethod().getType().getName(),
            "the stack starts in Netty's constructor, no agent frame on top");
        assertTrue(stack.stream().anyMatch(f -> f.getMethod().getType().getName().equals(NettyProgram.class.getName())
            && f.getLineNumber() == line), "creation stack reaches the application's line");

        RecordedEvent boss = run.pool("NettyProgram.main(NettyProgram.java:" + lineOf(NettyProgram.class, "BOSS-GROUP") + ")");
        assertEquals(Schema.KIND_EVENT_LOOP_GROUP, boss.getString(Schema.KIND));
        assertEquals(1, boss.getInt(Schema.PARALLELISM));

        // every worker loop's thread is the group's, none a family of its own
        List<RecordedEvent> started = run.events(Schema.THREAD_STARTED, e -> id(e) == id(workers));
        Set<String> names = started.stream().map(e -> e.getThread(Schema.THREAD).getJavaName()).collect(Collectors.toSet());
        assertEquals(loops, names.size(), "one thread per loop: " + names);
        assertTrue(started.stream().allMatch(e -> e.getLong(Schema.FAMILY_ID) == 0));
        assertEquals(List.of(), run.events(Schema.POOL_CREATED, e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND))
            && e.getString(Schema.NAME_PATTERN).startsWith("nioEventLoopGroup")), "no family for event loop threads");

        List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> id(e) == id(workers));
        assertTrue(samples.stream().allMatch(e -> Schema.KIND_EVENT_LOOP_GROUP.equals(e.getString(Schema.KIND))));
        assertTrue(samples.stream().allMatch(e -> e.getInt(Schema.CONFIGURED_SIZE) == loops), "configured size in every sample");
        assertEquals(loops, samples.stream().mapToInt(e -> e.getInt(Schema.POOL_SIZE)).max().getAsInt(), "every loop's thread alive");
        assertTrue(samples.stream().mapToInt(e -> e.getInt(Schema.SAMPLED_THREADS)).max().getAsInt() > 0,
            "the OS read the loops' threads");
        // tasks waiting behind a loop held busy: read from Netty's own count, without waiting for the loop
        assertTrue(run.stdout.contains("queued sampled true"), run.stdout);
        long mostQueued = samples.stream().mapToLong(e -> e.getLong(Schema.QUEUED)).max().getAsLong();
        assertTrue(mostQueued >= NettyProgram.QUEUED, "the held loop's queued tasks, sampled " + mostQueued);

        // lifecycle: the application's shutdownGracefully, in the application's thread, then terminated
        List<RecordedEvent> phases = run.events(Schema.POOL_SHUTDOWN, e -> id(e) == id(workers));
        RecordedEvent shutdown = phases.stream().filter(e -> Schema.PHASE_SHUTDOWN.equals(e.getString(Schema.PHASE)))
            .findFirst().orElseThrow(() -> new AssertionError("no shutdown: " + phases));
        assertEquals("main", shutdown.getThread().getJavaName(), "written by the hook in the caller of shutdownGracefully");
        assertTrue(phases.stream().anyMatch(e -> Schema.PHASE_TERMINATED.equals(e.getString(Schema.PHASE))),
            "terminated: " + phases);
        assertFalse(run.stderr.contains("threadguard"), run.stderr);
    }

    /**
     * Netty 4.2's jars are named modules: on the module path its classes are woven too, once the agent
     * has given Netty's module the two reads the hook calls need (Hooks' module and jdk.jfr).
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void nettysNamedModulesAreWovenToo(String java) throws Exception {
        Path modules = Path.of(System.getProperty("threadguard.app.netty.modules", "target/app-netty-modules"));
        try (Stream<Path> jars = Files.list(modules)) {
            assertEquals(4, jars.filter(p -> p.toString().endsWith(".jar")).count(), "Netty 4.2's jars in " + modules);
        }
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-XX:ActiveProcessorCount=" + PROCESSORS, "--module-path",
            modules.toString(), "--add-modules", "ALL-MODULE-PATH"), AgentRun.testClasses(), NettyProgram.class);
        int loops = 2 * PROCESSORS;
        assertTrue(run.stdout.contains("loops " + loops + " terminated true"), run.stdout);
        assertTrue(run.stdout.contains("queued sampled true"), run.stdout);
        RecordedEvent workers = run.pool("NettyProgram.main(NettyProgram.java:" + lineOf(NettyProgram.class, "WORKER-GROUP") + ")");
        assertEquals(Schema.KIND_EVENT_LOOP_GROUP, workers.getString(Schema.KIND));
        assertEquals(loops, workers.getInt(Schema.PARALLELISM));
        Set<String> names = run.events(Schema.THREAD_STARTED, e -> id(e) == id(workers)).stream()
            .map(e -> e.getThread(Schema.THREAD).getJavaName()).collect(Collectors.toSet());
        assertEquals(loops, names.size(), "every loop's thread the group's: " + names);
        assertEquals(List.of(), run.events(Schema.POOL_CREATED, e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND))
            && e.getString(Schema.NAME_PATTERN).startsWith("nioEventLoopGroup")), "no family for event loop threads");
        assertFalse(run.stderr.contains("threadguard"), run.stderr);
    }
}
