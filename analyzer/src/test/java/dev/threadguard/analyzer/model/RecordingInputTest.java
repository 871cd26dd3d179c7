package dev.threadguard.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a cut run leaves (unfinished chunks, an empty file and its marker, JFR's repository), and what is refused. */
class RecordingInputTest {
    @TempDir
    Path tmp;

    private static byte[] golden(String name) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("src/test/golden", name + ".jfr.gz")))) {
            return in.readAllBytes();
        }
    }

    /** An "in progress" chunk as JFR's repository holds it after SIGKILL: the JDK's stream waited on it forever. */
    private static byte[] unfinished(byte[] recording) {
        byte[] b = recording.clone();
        b[ChunkScan.STATE_BYTE] = 6;
        return b;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anUnfinishedChunkIsReadUpToWhatItHoldsThenWarned() throws Exception {
        Path f = Files.write(tmp.resolve("killed.jfr"), unfinished(golden("healthy")));
        Model m = ModelBuilder.build(List.of(f));
        assertTrue(m.processes.get(0).cut);
        assertTrue(m.processes.get(0).events > 0);
        assertTrue(m.warnings.stream().anyMatch(w -> w.contains("the run was cut")), m.warnings.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theEmptyFileOfAKilledRunLeadsToItsRepository() throws Exception {
        Path repo = Files.createDirectory(tmp.resolve("2026_11_26_14_09_29_23646"));
        byte[] rec = golden("pool-leak");
        Files.write(repo.resolve("2026_11_26_14_09_29.jfr"), unfinished(rec));
        Path file = Files.createFile(tmp.resolve("threadguard-23646.jfr"));
        Files.writeString(tmp.resolve("threadguard-23646.jfr.part"), "jfr-repository=" + repo + "\n# comment\n");
        Model fromFile = ModelBuilder.build(List.of(file));
        assertTrue(fromFile.processes.get(0).cut);
        assertTrue(fromFile.processes.get(0).pools.size() > 0);
        assertTrue(fromFile.warnings.stream().anyMatch(w -> w.contains("names the JFR repository")), fromFile.warnings.toString());
        Model fromDir = ModelBuilder.build(List.of(repo));
        assertEquals(fromFile.processes.get(0).pools.size(), fromDir.processes.get(0).pools.size());
        Files.delete(repo.resolve("2026_11_26_14_09_29.jfr"));
        Files.delete(repo);
        BadInputException gone = assertThrows(BadInputException.class, () -> ModelBuilder.build(List.of(file)));
        assertTrue(gone.getMessage().startsWith(file + ": the run was cut"), gone.getMessage());
    }

    @Test
    void pipesAndDevicesAreRefusedWithoutOpeningThem() throws Exception {
        Path fifo = tmp.resolve("fifo.jfr");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo");
        BadInputException e = assertThrows(BadInputException.class, () -> RecordingInput.open(fifo));
        assertEquals(fifo + ": not a regular file (a pipe, device or socket); refused", e.getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> RecordingInput.open(Path.of("/dev/null"))).getMessage()
            .contains("not a regular file"));
        assertTrue(assertThrows(BadInputException.class, () -> RecordingInput.open(tmp)).getMessage()
            .contains("is a directory, not a recording"));
    }

    @Test
    void poolsPastTheCapAreCountedNotDroppedSilently() {
        ProcessModel pm = new ProcessModel(0, "x.jfr");
        for (long id = 1; id <= ProcessModel.MAX_POOLS + 500; id++) {
            pm.poolFor(id, "p", "ThreadPoolExecutor");
            pm.poolFor(id, "p", "ThreadPoolExecutor");
        }
        assertEquals(ProcessModel.MAX_POOLS, pm.pools.size());
        assertEquals(500, pm.foldedPools.size());
        assertFalse(pm.foldedPools.overflowed());
    }
}
