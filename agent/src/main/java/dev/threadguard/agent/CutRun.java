package dev.threadguard.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * While the recording runs, its data is in JFR's disk repository, and its file is written only at
 * exit. A process killed with SIGKILL (an OOM killer, a watchdog) leaves an empty file: next to it,
 * {@code FILE.jfr.part} names the repository, so that {@code threadguard report FILE.jfr} can read the
 * chunks and say the run was cut. Removed once the file is written.
 */
final class CutRun {
    private CutRun() {}

    /** The first line of the marker; the analyzer reads the path after it. */
    static final String KEY = "jfr-repository=";

    static Path marker(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    /** Writes the marker; returns the repository, or null if JFR does not say where it is. */
    static String markInProgress(Path file) {
        String repository = System.getProperty("jdk.jfr.repository");
        if (repository == null || repository.isEmpty()) {
            return null;
        }
        try {
            Files.writeString(marker(file), KEY + repository + "\n"
                + "# threadguard: the recording " + file.getFileName() + " is written at exit; until then its chunks are"
                + " in that directory. If this file is still here, the run was cut: threadguard report "
                + file.getFileName() + " reads them.\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // the recording goes on; only a kill would need the marker
        }
        return repository;
    }

    static void finished(Path file) {
        try {
            Files.deleteIfExists(marker(file));
        } catch (IOException | RuntimeException e) {
            // a stale marker next to a good recording is ignored by the analyzer
        }
    }
}
