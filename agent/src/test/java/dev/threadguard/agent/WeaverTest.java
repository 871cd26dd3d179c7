package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Weaves this JDK's own classes: every hook that must exist on every supported JDK finds its method. */
class WeaverTest {

    private static byte[] jdkClass(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            return in.readAllBytes();
        }
    }

    @Test
    void everyHookFindsItsMethodInThisJdk() throws IOException {
        Set<String> applied = new HashSet<>();
        for (String c : HookTable.CLASSES) {
            if (c.equals(HookTable.VIRTUAL_THREAD) && Runtime.version().feature() < 21) {
                continue;
            }
            byte[] woven = Weaver.weave(c, jdkClass(c), applied);
            assertTrue(woven.length > 0);
        }
        Set<String> required = Set.of("threadStarting", "threadStarted", "executorCreated", "addingWorker", "addedWorker", "taskStarted",
            "taskEnded", "workerExited", "executorConfigured", "executorShutdown", "terminated", "rejected", "forkJoinCreated",
            "forkJoinShutdown",
            "forkJoinSubmit", "fork");
        Set<String> missing = new HashSet<>(required);
        missing.removeAll(applied);
        assertEquals(Set.of(), missing, "hooks whose JDK method was not found");
        if (Runtime.version().feature() >= 21) {
            assertTrue(applied.contains("virtualStarted") && applied.contains("virtualEnded"), applied.toString());
        }
    }

    private static byte[] nettyClass(String internalName) throws IOException {
        try (InputStream in = WeaverTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            return in.readAllBytes();
        }
    }

    @Test
    void nettysHooksFindTheirMethodsInRealNetty() throws IOException {
        Set<String> applied = new HashSet<>();
        for (String c : HookTable.LIBRARY_CLASSES) {
            assertTrue(Weaver.weave(c, nettyClass(c), applied).length > 0);
        }
        assertEquals(Set.of("eventLoopGroupCreated", "eventLoopStarting", "eventLoopStarted", "shutdown"), applied);
    }

    @Test
    void libraryClassesAreKnownAlsoWhenShaded() throws IOException {
        assertEquals(HookTable.NETTY_GROUP, HookTable.libraryClass(HookTable.NETTY_GROUP));
        String shaded = "io/grpc/netty/shaded/" + HookTable.NETTY_LOOP;
        assertEquals(HookTable.NETTY_LOOP, HookTable.libraryClass(shaded));
        assertEquals(null, HookTable.libraryClass("xio/netty/util/concurrent/SingleThreadEventExecutor"));
        assertEquals(null, HookTable.libraryClass("io/netty/util/concurrent/SingleThreadEventExecutor$1"));
        Set<String> applied = new HashSet<>();
        Weaver.weave(shaded, HookTable.NETTY_LOOP, nettyClass(HookTable.NETTY_LOOP), applied);
        assertEquals(Set.of("eventLoopStarting", "eventLoopStarted"), applied);
    }

    @Test
    void anApplicationsOtherClassesAreLeftAlone() throws IOException {
        Weaver weaver = new Weaver();
        ClassLoader app = getClass().getClassLoader();
        assertEquals(null, weaver.transform(null, app, "io/netty/util/concurrent/DefaultThreadFactory", null, null,
            nettyClass("io/netty/util/concurrent/DefaultThreadFactory")));
        assertEquals(null, weaver.transform(null, app, HookTable.NETTY_GROUP, WeaverTest.class, null,
            nettyClass(HookTable.NETTY_GROUP)), "a retransform (attach) leaves Netty alone");
    }

    @Test
    void classesOutsideTheTableAreLeftAlone() throws IOException {
        Weaver weaver = new Weaver();
        assertEquals(null, weaver.transform(null, null, "java/util/ArrayList", null, null, jdkClass("java/util/ArrayList")));
        assertEquals(null, weaver.transform(null, getClass().getClassLoader(), HookTable.THREAD, null, null, jdkClass(HookTable.THREAD)),
            "only the bootstrap loader's java.lang.Thread is woven");
    }
}
