package dev.threadguard.analyzer.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which JVM wrote each chunk of the recordings given: a file of two JVMs' recordings concatenated
 * holds two processes, and several files of one JVM (rotated files, the chunk files of its
 * repository, its recording given twice) hold one. A JVM's chunks share the clock origin of their
 * headers ({@link ChunkScan.Chunk#clockOrigin}) and never overlap in time; the same chunk given twice
 * has the same start and is read once. A file that is one JVM's, alone, is read as it is; otherwise
 * each JVM's chunks are copied, in time order, into a temporary recording of their own.
 */
final class JvmChunks implements AutoCloseable {
    /** One process to read: its label, the files it came from (for messages), its recording. */
    record Process(String source, String where, Path readable, boolean cut, boolean truncated) {}

    private record Piece(RecordingInput input, ChunkScan.Chunk chunk, boolean last) {}

    final List<Process> processes = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();

    /** Groups the chunks of the inputs by JVM; the inputs stay open (their readable copies) until this is closed. */
    static JvmChunks of(List<RecordingInput> inputs) throws BadInputException {
        JvmChunks out = new JvmChunks();
        List<List<Piece>> jvms = new ArrayList<>();
        Map<RecordingInput, Integer> chunksOf = new IdentityHashMap<>();
        int duplicates = 0;
        for (RecordingInput in : inputs) {
            List<ChunkScan.Chunk> chunks = ChunkScan.scan(in.readable).chunks;
            chunksOf.put(in, chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                if (!place(jvms, new Piece(in, chunks.get(i), i == chunks.size() - 1))) {
                    duplicates++;
                }
            }
        }
        Map<RecordingInput, Integer> jvmsOf = new IdentityHashMap<>();
        for (List<Piece> jvm : jvms) {
            for (RecordingInput in : inputsOf(jvm)) {
                jvmsOf.merge(in, 1, Integer::sum);
            }
        }
        Map<RecordingInput, Integer> numbered = new IdentityHashMap<>();
        try {
            for (List<Piece> jvm : jvms) {
                List<RecordingInput> from = inputsOf(jvm);
                RecordingInput first = from.get(0);
                if (from.size() == 1 && jvm.size() == chunksOf.get(first)) {
                    out.processes.add(new Process(name(first), first.source.toString(), first.readable, cut(jvm), truncated(jvm)));
                    continue;
                }
                String source;
                String where;
                if (from.size() == 1) {
                    int n = jvmsOf.get(first);
                    int k = numbered.merge(first, 1, Integer::sum);
                    source = name(first) + " (JVM " + k + " of " + n + ")";
                    where = first.source + " (JVM " + k + " of " + n + ")";
                    if (k == 1) {
                        out.warnings.add(first.source + ": holds the recordings of " + n + " JVMs (their chunks' clocks"
                                + " started at different times): reported as " + n + " processes");
                    }
                } else {
                    source = name(first) + " + " + (from.size() - 1) + " more";
                    where = names(from);
                    out.warnings.add(names(from) + ": chunks of one JVM (its clock started "
                            + Instant.ofEpochSecond(0, jvm.get(0).chunk.clockOrigin()) + "): read as one process, "
                            + jvm.size() + " chunks in time order");
                }
                out.processes.add(new Process(source, where, out.copy(jvm), cut(jvm), truncated(jvm)));
            }
        } catch (IOException e) {
            out.close();
            throw new BadInputException(inputs.get(0).source + ": cannot copy its chunks for reading: " + e.getMessage(), e);
        }
        if (duplicates > 0) {
            out.warnings.add(names(inputs) + ": " + duplicates + " chunk(s) given more than once (one JVM's"
                    + " recording twice, or a recording and its repository) were read once");
        }
        return out;
    }

    private static List<RecordingInput> inputsOf(List<Piece> jvm) {
        List<RecordingInput> from = new ArrayList<>();
        for (Piece p : jvm) {
            if (!from.contains(p.input)) {
                from.add(p.input);
            }
        }
        return from;
    }

    /** The run was cut if the last chunk of a cut input is this JVM's. */
    private static boolean cut(List<Piece> jvm) {
        return jvm.stream().anyMatch(p -> p.last && p.input.cut);
    }

    private static boolean truncated(List<Piece> jvm) {
        return jvm.stream().anyMatch(p -> p.last && (p.input.readable != p.input.source || p.input.cut));
    }

    /** The JVM's chunks in time order, in a temporary recording of their own. */
    private Path copy(List<Piece> jvm) throws IOException {
        jvm.sort((a, b) -> Long.compare(a.chunk.startNanos(), b.chunk.startNanos()));
        Path temp = Files.createTempFile("threadguard-jvm-", ".jfr");
        temps.add(temp);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            for (Piece p : jvm) {
                try (FileChannel in = FileChannel.open(p.input.readable, StandardOpenOption.READ)) {
                    copy(in, p.chunk.offset(), p.chunk.size(), out);
                }
            }
        }
        return temp;
    }

    /** Adds the chunk to its JVM's group, or starts one; false when the group has this very chunk already. */
    private static boolean place(List<List<Piece>> jvms, Piece p) {
        for (List<Piece> jvm : jvms) {
            if (!jvm.get(0).chunk.sameJvm(p.chunk)) {
                continue;
            }
            boolean overlaps = false;
            for (Piece q : jvm) {
                if (q.chunk.startNanos() == p.chunk.startNanos()) {
                    return false;
                }
                overlaps |= q.chunk.startNanos() < p.chunk.endNanos() && p.chunk.startNanos() < q.chunk.endNanos();
            }
            // one JVM writes one chunk at a time: overlapping chunks with one clock origin are two JVMs
            if (!overlaps) {
                jvm.add(p);
                return true;
            }
        }
        jvms.add(new ArrayList<>(List.of(p)));
        return true;
    }

    private static String name(RecordingInput in) {
        Path n = in.source.getFileName();
        return n == null ? in.source.toString() : n.toString();
    }

    private static String names(List<RecordingInput> inputs) {
        List<String> n = new ArrayList<>();
        for (RecordingInput in : inputs) {
            if (!n.contains(in.source.toString())) {
                n.add(in.source.toString());
            }
        }
        return n.size() <= 3 ? String.join(", ", n) : String.join(", ", n.subList(0, 3)) + " and " + (n.size() - 3) + " more";
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

    @Override
    public void close() {
        for (Path t : temps) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }
}
