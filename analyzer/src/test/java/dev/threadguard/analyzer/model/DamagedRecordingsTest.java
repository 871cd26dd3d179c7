package dev.threadguard.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer on a few hundred damaged recordings (truncated, bytes flipped, chunk header fields
 * overwritten, state byte "in progress", zeroed ranges, concatenations) made from real ones: it never
 * hangs, never prints a stack trace, exits 0 (read what it could, with warnings) or 2 (one line that
 * names the file). Before, 9 of 1,504 such files hung it and ~143 of 687 rejections were raw JDK text.
 */
class DamagedRecordingsTest {
    static final int VARIANTS = 300;
    private static final long SEED = 20261126L;

    @TempDir
    static Path dir;
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "damaged-recordings");
        t.setDaemon(true);
        return t;
    });
    private static List<byte[]> seeds;

    @BeforeAll
    static void seeds() throws Exception {
        seeds = new ArrayList<>();
        for (String name : List.of("healthy", "pool-leak", "tasks-rejected")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("src/test/golden", name + ".jfr.gz")))) {
                seeds.add(in.readAllBytes());
            }
        }
    }

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
    }

    static byte[] damage(byte[] seed, byte[] other, Random r, int variant) {
        byte[] b = seed.clone();
        ByteBuffer bb = ByteBuffer.wrap(b);
        switch (variant % 8) {
            case 0 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 1 -> {
                for (int i = 0, n = 1 + r.nextInt(16); i < n; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 2 -> bb.putLong(8 * (1 + r.nextInt(7)), r.nextInt(4) == 0 ? 0 : r.nextInt(3) == 0 ? -r.nextInt(1 << 20) : r.nextLong());
            case 3 -> {
                b[ChunkScan.STATE_BYTE] = (byte) (1 + r.nextInt(255));
                if (r.nextBoolean()) {
                    b = Arrays.copyOf(b, b.length / 2 + r.nextInt(b.length / 2));
                }
                if (r.nextInt(3) == 0) {
                    bb = ByteBuffer.wrap(b);
                    bb.putLong(8, 0);
                }
            }
            case 4 -> {
                int at = r.nextInt(b.length);
                Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(4096)), (byte) 0);
            }
            case 5 -> {
                byte[] joined = Arrays.copyOf(b, b.length + other.length);
                System.arraycopy(other, 0, joined, b.length, other.length);
                b = r.nextBoolean() ? joined : Arrays.copyOf(joined, b.length + r.nextInt(other.length));
            }
            case 6 -> {
                int at = 68 + r.nextInt(b.length - 68);
                for (int i = at; i < Math.min(b.length, at + 8 + r.nextInt(64)); i++) {
                    b[i] = (byte) r.nextInt(256);
                }
            }
            default -> {
                int at = r.nextInt(b.length);
                byte[] junk = new byte[1 + r.nextInt(512)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                b = out;
            }
        }
        return b;
    }

    @Test
    void neverHangsNeverPrintsAStackTraceAndNamesTheFile() throws Exception {
        Random r = new Random(SEED);
        PrintStream realErr = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        int rejected = 0;
        List<String> failures = new ArrayList<>();
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        try {
            for (int v = 0; v < VARIANTS; v++) {
                byte[] seed = seeds.get(v % seeds.size());
                Path f = dir.resolve("damaged-" + v + ".jfr");
                Files.write(f, damage(seed, seeds.get((v + 1) % seeds.size()), r, v));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                Future<Integer> run = RUNNER.submit(() -> Main.run(new String[] {"report", f.toString()},
                    new PrintWriter(out), new PrintWriter(err)));
                int code;
                try {
                    code = run.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("hung on variant " + v + " (kind " + v % 8 + "): kept at " + f);
                }
                String e = err.toString();
                if (code != 0 && code != 2) {
                    failures.add(v + ": exit " + code + ": " + e);
                }
                if (e.contains("\tat ") || e.contains("Exception in thread")) {
                    failures.add(v + ": stack trace: " + e);
                }
                if (code == 2) {
                    rejected++;
                    List<String> lines = e.lines().toList();
                    if (lines.size() != 1 || !lines.get(0).startsWith("threadguard: " + f + ": ")) {
                        failures.add(v + ": rejection is not one line naming the file: " + e);
                    }
                }
                Files.delete(f);
            }
        } finally {
            System.setErr(realErr);
        }
        String strayText = stray.toString(StandardCharsets.UTF_8);
        assertFalse(strayText.contains("\tat "), "something printed a stack trace:\n" + strayText);
        assertEquals(List.of(), failures);
        assertTrue(rejected > 0 && rejected < VARIANTS, "some damage is fatal, not all: " + rejected);
    }
}
