package dev.threadguard.analyzer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the chunk headers of a JFR file (magic "FLR\0", chunk size, constant pool and metadata
 * offsets, and the file state byte at offset 64) without parsing events, to tell an empty, foreign,
 * truncated, corrupt or unfinished file apart before the JDK's parser reads it. The parser waits
 * forever on a chunk whose state byte is not 0 ("in progress"): what JFR's repository holds after
 * SIGKILL or Runtime.halt; {@link #unfinishedBytes} is how much of such a last chunk can be sealed and read.
 */
public final class ChunkScan {
    static final int HEADER = 68;
    static final int STATE_BYTE = 64;
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    public final long fileSize;
    public final int intactChunks;
    public final long intactBytes;
    /** Empty when the whole file is made of intact chunks; otherwise what is wrong after the intact part. */
    public final String problem;
    /**
     * Bytes of the chunk right after the intact part that JFR had flushed when it was cut (its header's
     * size, with constant pools and metadata inside it); 0 if there is no such chunk or nothing in it.
     */
    public final long unfinishedBytes;
    /** The intact chunks' headers, in file order. */
    public final List<Chunk> chunks;

    /**
     * One chunk's place and clock. {@code clockOrigin} is the wall-clock time of the JVM's tick zero
     * (chunk start in epoch ns minus its start ticks in ns): the same, to the microsecond, for every
     * chunk one JVM writes, and different for another JVM (its ticks count from its own start).
     */
    public record Chunk(long offset, long size, long startNanos, long durationNanos, long clockOrigin) {
        /** Origins closer than this are one JVM's (JDK 17 and 25 keep them equal to within a microsecond). */
        static final long SAME_JVM_NANOS = 1_000_000;

        public boolean sameJvm(Chunk other) {
            return clockOrigin != Long.MIN_VALUE && other.clockOrigin != Long.MIN_VALUE
                    && Math.abs(clockOrigin - other.clockOrigin) < SAME_JVM_NANOS;
        }

        public long endNanos() {
            return startNanos + Math.max(durationNanos, 0);
        }
    }

    private ChunkScan(long fileSize, int intactChunks, long intactBytes, String problem, long unfinishedBytes,
            List<Chunk> chunks) {
        this.fileSize = fileSize;
        this.intactChunks = intactChunks;
        this.intactBytes = intactBytes;
        this.problem = problem;
        this.unfinishedBytes = unfinishedBytes;
        this.chunks = List.copyOf(chunks);
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    /** Scans a regular file; the caller has checked it is one (a FIFO would block here). */
    public static ChunkScan scan(Path file) throws BadInputException {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a recording");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": not a regular file (a pipe, device or socket); refused");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(file + ": not readable");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new BadInputException(file + ": empty file, not a JFR recording");
            }
            ByteBuffer buf = ByteBuffer.allocate(HEADER);
            long pos = 0;
            int chunks = 0;
            List<Chunk> headers = new ArrayList<>();
            while (pos < size) {
                buf.clear();
                int n = readFully(ch, buf, pos);
                if (n < 4 || !magic(buf)) {
                    if (chunks == 0) {
                        throw new BadInputException(file + ": not a JFR recording (no 'FLR' header)");
                    }
                    return new ChunkScan(size, chunks, pos, "garbage after byte " + pos, 0, headers);
                }
                if (n < HEADER) {
                    return new ChunkScan(size, chunks, pos, "truncated in the header of chunk " + (chunks + 1), 0, headers);
                }
                long chunkSize = buf.getLong(8);
                long remaining = size - pos;
                if (buf.get(STATE_BYTE) != 0) {
                    return new ChunkScan(size, chunks, pos, "chunk " + (chunks + 1) + " is unfinished (the recording was"
                            + " cut: the process was killed or halted before it was written)", sealable(buf, chunkSize, remaining), headers);
                }
                if (chunkSize < HEADER) {
                    return new ChunkScan(size, chunks, pos,
                            "chunk " + (chunks + 1) + " is unfinished (the recording was not closed)", 0, headers);
                }
                if (chunkSize > remaining) {
                    return new ChunkScan(size, chunks, pos, "truncated in chunk " + (chunks + 1) + " ("
                            + remaining + " of " + chunkSize + " bytes present)", 0, headers);
                }
                if (!inside(buf, chunkSize)) {
                    return new ChunkScan(size, chunks, pos, "chunk " + (chunks + 1) + " has a header that points outside it", 0, headers);
                }
                headers.add(chunk(buf, pos, chunkSize));
                pos += chunkSize;
                chunks++;
            }
            return new ChunkScan(size, chunks, pos, "", 0, headers);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Chunk chunk(ByteBuffer header, long offset, long size) {
        long start = header.getLong(32);
        long duration = header.getLong(40);
        long ticks = header.getLong(48);
        long ticksPerSecond = header.getLong(56);
        long origin = ticksPerSecond <= 0 || ticks < 0 ? Long.MIN_VALUE
                : start - (long) (ticks * (1e9 / ticksPerSecond));
        return new Chunk(offset, size, start, duration, origin);
    }

    /** An in-progress chunk can be read up to its last flush if its header says where that was. */
    private static long sealable(ByteBuffer header, long chunkSize, long remaining) {
        return chunkSize >= HEADER && chunkSize <= remaining && inside(header, chunkSize) ? chunkSize : 0;
    }

    /** Constant pool and metadata offsets inside the chunk, past its header. */
    private static boolean inside(ByteBuffer header, long chunkSize) {
        long cp = header.getLong(16);
        long meta = header.getLong(24);
        return cp >= HEADER && cp < chunkSize && meta >= HEADER && meta < chunkSize;
    }

    private static boolean magic(ByteBuffer b) {
        for (int i = 0; i < 4; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
