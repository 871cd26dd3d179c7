package dev.threadguard.agent;

import static dev.threadguard.agent.AgentRun.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import testapp.FamilyProgram;
import testapp.FixedPoolProgram;
import testapp.ThreadLimitProgram;
import testapp.VirtualThreadsProgram;
import dev.threadguard.events.Schema;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Threads under the packaged agent in real child JVMs, on JDK 17 and JDK 25: failed starts, families, virtual threads, the OS census. */
class ThreadsIT extends WithAgentJvms {

    @ParameterizedTest
    @MethodSource("jdks")
    void failedThreadStartUnderProcessLimitIsRecordedAndRethrown(String java) throws Exception {
        AgentRun.assumeRoot();
        assumeTrue(new File("/usr/sbin/runuser").canExecute() || new File("/sbin/runuser").canExecute(), "runuser");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        // the unprivileged child may not read the build tree (a clone under /root): give it copies
        Path jar = Files.copy(Path.of(AgentRun.agentJar()), dir.resolve("threadguard.jar"));
        Path classes = dir.resolve("classes");
        Path app = Files.createDirectories(classes.resolve("testapp"));
        try (var programs = Files.list(Path.of(AgentRun.testClasses(), "testapp"))) {
            for (Path c : (Iterable<Path>) programs::iterator) {
                Files.copy(c, app.resolve(c.getFileName()));
            }
        }
        for (Path p : List.of(dir, jar, classes, app)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
        }
        try (var files = Files.list(app)) {
            for (Path c : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(c, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Path rec = dir.resolve("limit.jfr");
        List<String> command = new ArrayList<>(AgentRun.command(java, "file=" + rec + ",period=100ms", List.of("-Xss256k"),
            classes.toString(), ThreadLimitProgram.class));
        command.replaceAll(arg -> arg.startsWith("-javaagent:") ? "-javaagent:" + jar + arg.substring(arg.indexOf('=')) : arg);
        String cmd = String.join(" ", command);
        AgentRun run = AgentRun.run(List.of("runuser", "-u", "nobody", "--", "bash", "-c", "ulimit -u 150; exec " + cmd), rec, dir);
        assertEquals(0, run.exitCode, run.stdout + run.stderr);
        assertTrue(run.stdout.contains("failure: unable to create native thread"), run.stdout);
        List<RecordedEvent> failed = run.events(Schema.THREAD_START_FAILED);
        assertFalse(failed.isEmpty(), "ThreadStartFailed");
        RecordedEvent f = failed.get(0);
        assertTrue(f.getString(Schema.MESSAGE).contains("unable to create native thread"), f.getString(Schema.MESSAGE));
        assertTrue(f.getString(Schema.THREAD_NAME).startsWith("request-"));
        assertTrue(f.getInt(Schema.OS_THREADS) > 50, "OS threads at the failure: " + f.getInt(Schema.OS_THREADS));
        assertTrue(f.getStackTrace().getFrames().stream().anyMatch(fr -> fr.getMethod().getType().getName().endsWith("ThreadLimitProgram")));
        RecordedEvent host = run.events(Schema.HOST).get(0);
        assertEquals(150, host.getLong(Schema.NPROC_SOFT), "the binding limit is in the recording");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void threadsOutsidePoolsFormFamiliesByNamePatternAndSite(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), FamilyProgram.class);
        String site = "FamilyProgram.java:" + lineOf(FamilyProgram.class, "FAMILY-START");
        List<RecordedEvent> families = run.events(Schema.POOL_CREATED,
            e -> Schema.KIND_FAMILY.equals(e.getString(Schema.KIND)) && e.getString(Schema.NAME_PATTERN).startsWith("loop-"));
        assertEquals(Set.of("loop-1-*", "loop-2-*", "loop-3-*"),
            families.stream().map(e -> e.getString(Schema.NAME_PATTERN)).collect(Collectors.toSet()));
        assertTrue(families.stream().allMatch(e -> e.getString(Schema.CREATION_SITE).contains(site)),
            "one site creates a family per client: " + families.stream().map(e -> e.getString(Schema.CREATION_SITE)).collect(Collectors.toList()));
        for (RecordedEvent f : families) {
            List<RecordedEvent> samples = run.events(Schema.POOL_SAMPLE, e -> id(e) == id(f));
            assertEquals(2, samples.stream().mapToInt(e -> e.getInt(Schema.POOL_SIZE)).max().orElse(-1));
            assertEquals(2, run.events(Schema.THREAD_STARTED, e -> e.getLong(Schema.FAMILY_ID) == id(f)).size());
        }
        assertTrue(run.events(Schema.POOL_CREATED, e -> e.getString(Schema.POOL_NAME).contains("threadguard")).isEmpty(),
            "the agent's own threads are not measured");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void virtualThreadsAreCountedApartFromPlatformThreads(String java) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21 || java.contains("25"), "virtual threads need JDK 21+");
        AgentRun run = AgentRun.withAgent(java, dir, List.of(), VirtualThreadsProgram.class);
        long startedVirtual = run.events(Schema.PROCESS_THREADS).stream()
            .mapToLong(e -> e.getLong(Schema.STARTED_VIRTUAL_THREADS)).max().orElse(-1);
        assertTrue(startedVirtual >= 200, "virtual threads started: " + startedVirtual);
        assertTrue(run.events(Schema.THREAD_STARTED).stream().map(e -> e.getThread(Schema.THREAD))
            .noneMatch(t -> t == null || t.getJavaName() == null || t.getJavaName().isEmpty()), "no virtual thread among platform starts");
        assertEquals(1, run.events(Schema.THREAD_STARTED, e -> "platform-1".equals(e.getThread(Schema.THREAD).getJavaName())).size());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void osThreadCensusCoversJavaAndJvmThreads(String java) throws Exception {
        AgentRun run = AgentRun.withAgent(java, dir, List.of("-XX:ActiveProcessorCount=32"), FixedPoolProgram.class);
        List<RecordedEvent> census = run.events(Schema.OS_THREADS_SEEN, e -> e.getBoolean(Schema.CENSUS));
        Set<String> comms = census.stream().map(e -> e.getString(Schema.COMM)).collect(Collectors.toSet());
        assertTrue(comms.contains("VM Thread"), "JVM-internal threads are OS threads too: " + comms);
        Set<Long> tids = census.stream().flatMap(e -> List.of(e.getString(Schema.OS_THREAD_IDS).split(" ")).stream())
            .map(Long::parseLong).collect(Collectors.toSet());
        RecordedThread main = run.events(Schema.POOL_CREATED, e -> e.getString(Schema.CREATION_SITE).contains("FixedPoolProgram"))
            .get(0).getThread();
        assertTrue(tids.contains(main.getOSThreadId()), "the creating thread's OS id is in the census");
        int os = run.events(Schema.PROCESS_THREADS).stream().mapToInt(e -> e.getInt(Schema.OS_THREADS)).max().getAsInt();
        int platform = run.events(Schema.PROCESS_THREADS).stream().mapToInt(e -> e.getInt(Schema.PLATFORM_THREADS)).max().getAsInt();
        assertTrue(os > platform, "OS threads include the JVM's own: os=" + os + " platform=" + platform);
    }
}
