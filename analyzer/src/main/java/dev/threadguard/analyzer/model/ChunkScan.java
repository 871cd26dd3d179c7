package dev.threadguard.analyzer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks the chunk headers of a JFR file (magic "FLR\0", version, chunk size) without parsing events, to
 * tell an empty, foreign, truncated or corrupt file apart before the JDK's parser (which stops silently
 * at a broken chunk) reads it.
 */
public final class ChunkScan {
    private static final int HEADER = 68;
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    public final long fileSize;
    public final int intactChunks;
    public final long intactBytes;
    /** Empty when the whole file is made of intact chunks; otherwise what is wrong after the intact part. */
    public final String problem;

    private ChunkScan(long fileSize, int intactChunks, long intactBytes, String problem) {
        this.fileSize = fileSize;
        this.intactChunks = intactChunks;
        this.intactBytes = intactBytes;
        this.problem = problem;
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    public static ChunkScan scan(Path file) throws BadInputException {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a recording");
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
            while (pos < size) {
                buf.clear();
                int n = readFully(ch, buf, pos);
                if (n < 4 || !magic(buf)) {
                    if (chunks == 0) {
                        throw new BadInputException(file + ": not a JFR recording (no 'FLR' header)");
                    }
                    return new ChunkScan(size, chunks, pos, "garbage after byte " + pos);
                }
                if (n < 16) {
                    return new ChunkScan(size, chunks, pos, "truncated in the header of chunk " + (chunks + 1));
                }
                long chunkSize = buf.getLong(8);
                if (chunkSize < HEADER) {
                    return new ChunkScan(size, chunks, pos,
                            "chunk " + (chunks + 1) + " is unfinished (the recording was not closed)");
                }
                if (pos + chunkSize > size) {
                    return new ChunkScan(size, chunks, pos, "truncated in chunk " + (chunks + 1) + " ("
                            + (size - pos) + " of " + chunkSize + " bytes present)");
                }
                pos += chunkSize;
                chunks++;
            }
            return new ChunkScan(size, chunks, pos, "");
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
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
