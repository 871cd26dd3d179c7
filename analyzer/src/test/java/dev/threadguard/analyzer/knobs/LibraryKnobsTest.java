package dev.threadguard.analyzer.knobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The knob table over creation stacks taken from real recordings (RealLibrariesIT's programs under
 * the agent: PoolCreated.creationFrames, kept under src/test/resources/.../knobs).
 */
class LibraryKnobsTest {
    private final LibraryKnobs knobs = LibraryKnobs.standard();

    private static String frames(String name) throws IOException {
        try (InputStream in = LibraryKnobsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void everyLibraryTheIssueNamesHasAnEntryWithVersionSourceAndKnob() {
        Set<String> ids = knobs.libraries().stream().map(l -> l.id).collect(Collectors.toSet());
        for (String id : List.of("jdk-common-pool", "netty", "reactor-core", "reactor-netty", "hazelcast", "jetty", "tomcat",
            "undertow", "vertx", "grpc", "kafka-clients", "lettuce", "okhttp", "akka", "pekko", "spark-local", "onnxruntime",
            "openblas", "mkl", "openmp")) {
            assertTrue(ids.contains(id), "no entry for " + id);
        }
        for (LibraryKnobs.Library l : knobs.libraries()) {
            assertFalse(l.version.isBlank() || l.source.isBlank() || l.knobFor(null).setting.isBlank(), l.id);
        }
    }

    @Test
    void hazelcastPartitionThreadsNameTheOperationThreadCountAndTheApplicationsCall() throws IOException {
        LibraryKnobs.Match m = knobs.lookup(frames("hazelcast-partition-threads.txt"), "hz.nifty_chaplygin.partition-operation.thread-3").get();
        assertEquals("hazelcast", m.library.id);
        assertEquals("-Dhazelcast.operation.thread.count=N", m.knob.setting);
        assertTrue(m.libraryFrame.startsWith("com.hazelcast.internal.util.executor.HazelcastManagedThread.start("), m.libraryFrame);
        assertEquals("dev.threadguard.analyzer.programs.real.HazelcastMemberProgram.startMember(HazelcastMemberProgram.java:40)",
            m.callSite.get());
    }

    @Test
    void hazelcastExecutorCreatedInsideTheLibraryIsFixedAtTheCallIntoHazelcastNotInExecutionServiceImpl() throws IOException {
        LibraryKnobs.Match m = knobs.lookup(frames("hazelcast-executor.txt"), null).get();
        assertEquals("hazelcast", m.library.id);
        assertTrue(m.libraryFrame.contains("ExecutionServiceImpl.createExecutor"), m.libraryFrame);
        assertTrue(m.callSite.get().contains("HazelcastMemberProgram.startMember"), m.callSite.get());
    }

    @Test
    void coroutineWorkersNameKotlinsSchedulerPropertyAndTheCallThatDispatched() throws IOException {
        // the stack of DefaultDispatcher-worker-1's start in CoroutinesAndGrpcIT's recording (kotlinx-coroutines 1.10.2)
        LibraryKnobs.Match m = knobs.lookup(frames("kotlinx-coroutines-default.txt"), "DefaultDispatcher-worker-1").get();
        assertEquals("kotlinx-coroutines", m.library.id);
        assertTrue(m.knob.setting.startsWith("-Dkotlinx.coroutines.scheduler.core.pool.size=N"), m.knob.setting);
        assertTrue(m.libraryFrame.startsWith("kotlinx.coroutines.scheduling.CoroutineScheduler.createNewWorker("), m.libraryFrame);
        assertEquals("dev.threadguard.analyzer.programs.real.CoroutinesProgram.main(CoroutinesProgram.java:37)", m.callSite.get());
        assertEquals("kotlinx-coroutines", knobs.byThreadName("DefaultDispatcher-worker-12").get().library.id);
    }

    @Test
    void jettyAndUndertowServersPointAtTheirBuilders() throws IOException {
        LibraryKnobs.Match jetty = knobs.lookup(frames("jetty-qtp.txt"), "qtp1286783232-17").get();
        assertEquals("jetty", jetty.library.id);
        assertTrue(jetty.knob.setting.contains("QueuedThreadPool(maxThreads)"));
        assertEquals("dev.threadguard.analyzer.programs.real.JettyServerProgram.main(JettyServerProgram.java:23)", jetty.callSite.get());

        LibraryKnobs.Match undertow = knobs.lookup(frames("undertow-xnio.txt"), "XNIO-1 I/O-1").get();
        assertEquals("undertow", undertow.library.id, "XNIO's frames are Undertow's");
        assertTrue(undertow.knob.setting.contains("setIoThreads"));
        assertEquals("dev.threadguard.analyzer.programs.real.UndertowServerProgram.main(UndertowServerProgram.java:13)", undertow.callSite.get());
        assertTrue(knobs.lookup(frames("undertow-xnio.txt"), "XNIO-1 task-3").get().knob.setting.contains("setWorkerThreads"));
    }

    @Test
    void threadsStartedByTheLibrarysOwnThreadHaveNoApplicationCallSite() throws IOException {
        LibraryKnobs.Match h2 = knobs.lookup(frames("h2-connection-threads.txt"), "H2 TCP Server (tcp://localhost:9092) thread-3").get();
        assertEquals("h2", h2.library.id);
        assertTrue(h2.callSite.isEmpty(), "the connection threads are started by H2's listener thread, not by the app");
    }

    @Test
    void theApplicationsOwnPoolIsNoLibrarys() throws IOException {
        assertTrue(knobs.lookup(frames("application-pool.txt"), "pool-1-thread-1").isEmpty());
        assertTrue(knobs.lookup("", null).isEmpty());
    }

    @Test
    void threadNamesAndNativeLibrariesWithoutAStack() {
        assertEquals("jdk-common-pool", knobs.byThreadName("ForkJoinPool.commonPool-worker-3").get().library.id);
        assertEquals("kafka-clients", knobs.byThreadName("kafka-producer-network-thread | producer-7").get().library.id);
        assertEquals("-Dreactor.schedulers.defaultBoundedElasticSize=N", knobs.byThreadName("boundedElastic-12").get().knob.setting);
        assertEquals("vertx", knobs.byThreadName("vert.x-eventloop-thread-3").get().library.id);
        assertTrue(knobs.byThreadName("pool-1-thread-1").isEmpty());
        assertEquals("openmp", knobs.byNativeLibrary("/usr/lib/x86_64-linux-gnu/libgomp.so.1").get().id);
        assertEquals("openblas", knobs.byNativeLibrary("/usr/lib/x86_64-linux-gnu/libopenblas.so.0").get().id);
        assertEquals("onnxruntime", knobs.byNativeLibrary("/tmp/onnxruntime-java123/libonnxruntime.so").get().id);
        assertTrue(knobs.byNativeLibrary("/usr/lib/jvm/java-17/lib/libnet.so").isEmpty());
    }
}
