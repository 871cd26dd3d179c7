package dev.threadguard.analyzer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One argument of {@code report}, made safe to stream: a recording file, a JFR disk repository (the
 * directory of a run that was killed), or the empty file of a cut run whose {@code FILE.part} marker
 * names that repository. Pipes and devices are refused before anything opens them. Chunks the JDK's
 * stream would wait on forever (unfinished: state byte not 0) are sealed in a temporary copy that
 * holds what they hold; the warnings say what was read and that the run was cut.
 */
public final class RecordingInput implements AutoCloseable {
    /** As the user gave it, for messages. */
    public final Path source;
    /** What to stream: the file itself, or a sealed temporary copy. */
    public final Path readable;
    public final List<String> warnings = new ArrayList<>();
    /** The run ended without writing its recording (killed, halted), so its last seconds may be missing. */
    public final boolean cut;
    private final Path temp;

    private RecordingInput(Path source, Path readable, boolean cut, Path temp) {
        this.source = source;
        this.readable = readable;
        this.cut = cut;
        this.temp = temp;
    }

    public static RecordingInput open(Path arg) throws BadInputException {
        if (!Files.exists(arg)) {
            throw new BadInputException(arg + ": no such file");
        }
        if (Files.isDirectory(arg)) {
            return repository(arg, arg, "", false);
        }
        if (!Files.isRegularFile(arg)) {
            throw new BadInputException(arg + ": not a regular file (a pipe, device or socket); refused");
        }
        Path marker = arg.getFileName().toString().endsWith(".part") ? arg : arg.resolveSibling(arg.getFileName() + ".part");
        if (arg.equals(marker) || size(arg) == 0) {
            Path repository = markedRepository(marker);
            if (repository != null) {
                return repository(arg, repository, (arg.equals(marker) ? "" : "empty, and ")
                        + marker.getFileName() + " names the JFR repository of the run: ", true);
            }
            if (Files.exists(marker)) {
                throw new BadInputException(arg + ": the run was cut before its recording was written, and the JFR"
                        + " repository that " + marker.getFileName() + " names is gone (JFR's /tmp files of a killed run)");
            }
        }
        ChunkScan scan = ChunkScan.scan(arg);
        if (scan.intact()) {
            return new RecordingInput(arg, arg, false, null);
        }
        return sealed(arg, List.of(arg), "", false);
    }

    private static long size(Path p) throws BadInputException {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new BadInputException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Path markedRepository(Path marker) {
        try {
            if (!Files.isRegularFile(marker) || Files.size(marker) > 64 * 1024) {
                return null;
            }
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                if (line.startsWith("jfr-repository=")) {
                    Path dir = Path.of(line.substring("jfr-repository=".length()).trim());
                    return Files.isDirectory(dir) ? dir : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Chunk files of a JFR repository are named by the time they start: 2026_11_26_14_09_29.jfr, ..._1.jfr. */
    private static final java.util.regex.Pattern CHUNK_NAME = java.util.regex.Pattern.compile("\\d{4}(_\\d{2}){5}(_\\d+)?\\.jfr");

    /** True for a JFR disk repository: a directory holding chunk files named by their start time. */
    public static boolean isRepository(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jfr")) {
            for (Path p : ds) {
                if (CHUNK_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** A JFR disk repository: its chunk files in name (time) order, read as one recording. */
    private static RecordingInput repository(Path source, Path dir, String how, boolean cut) throws BadInputException {
        List<Path> chunks = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jfr")) {
            for (Path p : ds) {
                if (CHUNK_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p) && Files.size(p) > 0) {
                    chunks.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        if (chunks.isEmpty()) {
            throw new BadInputException(dir + ": is a directory, not a recording, and no JFR repository (whose chunk"
                    + " files are named like 2026_11_26_14_09_29.jfr): give the recordings themselves");
        }
        chunks.sort(null);
        return sealed(source, chunks, how + "read " + chunks.size() + " chunk file(s) of the JFR repository " + dir, cut);
    }

    /** Copies the readable chunks of the files into one temporary recording, sealing an unfinished one. */
    private static RecordingInput sealed(Path source, List<Path> files, String how, boolean cutRun) throws BadInputException {
        Path temp = null;
        try {
            temp = Files.createTempFile("threadguard-sealed-", ".jfr");
            long chunks = 0;
            boolean cut = cutRun;
            List<String> problems = new ArrayList<>();
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                for (Path f : files) {
                    ChunkScan scan;
                    try {
                        scan = ChunkScan.scan(f);
                    } catch (BadInputException e) {
                        problems.add(e.getMessage());
                        continue;
                    }
                    try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
                        copy(in, 0, scan.intactBytes, out);
                        chunks += scan.intactChunks;
                        if (scan.unfinishedBytes > 0) {
                            long at = out.position();
                            copy(in, scan.intactBytes, scan.unfinishedBytes, out);
                            out.write(ByteBuffer.wrap(new byte[] {0}), at + ChunkScan.STATE_BYTE);
                            chunks++;
                        }
                    }
                    if (!scan.intact()) {
                        cut |= scan.problem.contains("unfinished");
                        problems.add((files.size() > 1 ? f.getFileName() + ": " : "") + scan.problem
                                + (scan.unfinishedBytes > 0 ? "; read up to its last flush (" + scan.unfinishedBytes + " bytes)"
                                        : "; read the " + scan.intactChunks + " intact chunk(s), " + scan.intactBytes + " of "
                                        + scan.fileSize + " bytes"));
                    }
                }
            }
            if (chunks == 0) {
                throw new BadInputException(source + ": truncated or corrupt JFR recording: "
                        + (problems.isEmpty() ? "no chunk" : String.join("; ", problems)) + "; no chunk to read");
            }
            RecordingInput in = new RecordingInput(source, temp, cut, temp);
            if (!how.isEmpty()) {
                in.warnings.add(source + ": " + how);
            }
            for (String p : problems) {
                in.warnings.add(source + ": " + p);
            }
            if (cut) {
                in.warnings.add(source + ": the run was cut (killed or halted): its last second or so is missing,"
                        + " and the report covers what the chunks hold");
            }
            return in;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new BadInputException(source + ": cannot copy it for reading: " + e.getMessage(), e);
        } catch (BadInputException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static void copy(FileChannel in, long from, long bytes, FileChannel out) throws IOException {
        long done = 0;
        while (done < bytes) {
            long n = in.transferTo(from + done, bytes - done, out);
            if (n <= 0) {
                throw new IOException("short read at byte " + (from + done));
            }
            done += n;
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }

    @Override
    public void close() {
        deleteQuietly(temp);
    }
}
