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
        Set<String> required = Set.of("threadStarted", "executorCreated", "addingWorker", "addedWorker", "taskStarted",
            "taskEnded", "workerExited", "executorConfigured", "shutdown", "terminated", "rejected", "forkJoinCreated",
            "forkJoinSubmit", "fork");
        Set<String> missing = new HashSet<>(required);
        missing.removeAll(applied);
        assertEquals(Set.of(), missing, "hooks whose JDK method was not found");
        if (Runtime.version().feature() >= 21) {
            assertTrue(applied.contains("virtualStarted") && applied.contains("virtualEnded"), applied.toString());
        }
    }

    @Test
    void classesOutsideTheTableAreLeftAlone() throws IOException {
        Weaver weaver = new Weaver();
        assertEquals(null, weaver.transform(null, null, "java/util/ArrayList", null, null, jdkClass("java/util/ArrayList")));
        assertEquals(null, weaver.transform(null, getClass().getClassLoader(), HookTable.THREAD, null, null, jdkClass(HookTable.THREAD)),
            "only the bootstrap loader's java.lang.Thread is woven");
    }
}
