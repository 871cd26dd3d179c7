package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.events.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @Test
    void cpuLists() {
        assertEquals(4, ProcFs.countCpuList("0-3"));
        assertEquals(6, ProcFs.countCpuList("0-3,8,10"));
        assertEquals(1, ProcFs.countCpuList("5\n"));
        assertEquals((int) Schema.UNKNOWN, ProcFs.countCpuList(""));
        assertEquals((int) Schema.UNKNOWN, ProcFs.countCpuList("x-y"));
    }

    @Test
    void limitsReadMaxAsUnlimitedAndGarbageAsUnknown(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a"), "max\n");
        Files.writeString(dir.resolve("b"), "150\n");
        Files.writeString(dir.resolve("c"), "lots\n");
        assertEquals(Schema.UNLIMITED, ProcFs.readLimit(dir.resolve("a").toString()));
        assertEquals(150, ProcFs.readLimit(dir.resolve("b").toString()));
        assertEquals(Schema.UNKNOWN, ProcFs.readLimit(dir.resolve("c").toString()));
        assertEquals(Schema.UNKNOWN, ProcFs.readLimit(dir.resolve("missing").toString()));
    }

    @Test
    void thisProcessHasThreadsAndLimits() {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) {
            return;
        }
        int[] tids = ProcFs.listTasks();
        assertTrue(tids.length >= Thread.activeCount(), "OS threads include every Java thread");
        assertEquals(tids.length, ProcFs.countTasks(), 5.0);
        long[] nproc = ProcFs.nproc();
        assertTrue(nproc[0] == Schema.UNLIMITED || nproc[0] > 0);
        // /proc/sys files report a wrong size: they must be read to the end
        assertTrue(ProcFs.readLimit("/proc/sys/kernel/pid_max") > 1000);
    }
}
