package dev.threadguard.bootstrap;

import dev.threadguard.events.Schema;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Small readers of Linux /proc and /sys; every one answers "unknown" instead of failing elsewhere. */
final class ProcFs {
    private ProcFs() {}

    private static final File TASKS = new File("/proc/self/task");

    /** Threads of this process, -2 where /proc is not there. */
    static int countTasks() {
        String[] names = TASKS.list();
        return names == null ? (int) Schema.UNKNOWN : names.length;
    }

    private static final byte[] STATUS = new byte[4096];
    private static final byte[] THREADS = "Threads:".getBytes(StandardCharsets.US_ASCII);

    /** The process's OS thread count from /proc/self/status, -1 if unknown. Callers hold the sampler's lock. */
    static int threadCount() {
        int n = readInto("/proc/self/status", STATUS);
        int at = n <= 0 ? -1 : afterLineKey(STATUS, n, THREADS);
        return at < 0 ? -1 : (int) parseLong(STATUS, at, n);
    }

    /** OS thread ids of this process, sorted; empty where /proc is not there. */
    static int[] listTasks() {
        String[] names = TASKS.list();
        if (names == null) {
            return new int[0];
        }
        int[] tids = new int[names.length];
        int n = 0;
        for (String name : names) {
            try {
                tids[n++] = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                // not a thread directory
            }
        }
        tids = Arrays.copyOf(tids, n);
        Arrays.sort(tids);
        return tids;
    }

    /**
     * {on-CPU ns, run-queue wait ns} of one thread from /proc/self/task/TID/schedstat into out;
     * false if it is gone or the kernel has no schedstat.
     */
    static boolean schedstat(int tid, long[] out) {
        String s = read("/proc/self/task/" + tid + "/schedstat");
        if (s == null) {
            return false;
        }
        String[] parts = s.trim().split(" ");
        if (parts.length < 2) {
            return false;
        }
        try {
            out[0] = Long.parseLong(parts[0]);
            out[1] = Long.parseLong(parts[1]);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Reads a small file into buf; its length, or -1 if it cannot be read. */
    static int readInto(String path, byte[] buf) {
        try (java.io.FileInputStream in = new java.io.FileInputStream(path)) {
            int n = 0;
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The decimal number starting at {@code from} (leading blanks skipped); -1 if none. */
    static long parseLong(byte[] buf, int from, int end) {
        int i = from;
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        long v = 0;
        int start = i;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            v = v * 10 + (buf[i++] - '0');
        }
        return i == start ? -1 : v;
    }

    /** Index just after the first occurrence of {@code key} at the start of a line, or -1. */
    static int afterLineKey(byte[] buf, int end, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= end; i++) {
            if (i > 0 && buf[i - 1] != '\n') {
                continue;
            }
            for (int k = 0; k < key.length; k++) {
                if (buf[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i + key.length;
        }
        return -1;
    }

    static String comm(int tid) {
        String s = read("/proc/self/task/" + tid + "/comm");
        return s == null ? "?" : s.trim();
    }

    /** The whole file as text, or null. */
    static String read(String path) {
        // not Files.readAllBytes: it trusts the size /proc/sys reports, which can be wrong (1 byte here)
        try (java.io.FileInputStream in = new java.io.FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Collections.emptyList();
        }
    }

    /** A number from a file holding one; "max" reads as unlimited; missing or garbled as unknown. */
    static long readLimit(String path) {
        String s = read(path);
        if (s == null) {
            return Schema.UNKNOWN;
        }
        s = s.trim();
        if (s.equals("max")) {
            return Schema.UNLIMITED;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Schema.UNKNOWN;
        }
    }

    /** Soft and hard RLIMIT_NPROC from /proc/self/limits; -1 for unlimited. */
    static long[] nproc() {
        for (String line : lines("/proc/self/limits")) {
            if (line.startsWith("Max processes")) {
                String[] parts = line.substring("Max processes".length()).trim().split("\\s+");
                if (parts.length >= 2) {
                    return new long[] {limitValue(parts[0]), limitValue(parts[1])};
                }
            }
        }
        return new long[] {Schema.UNKNOWN, Schema.UNKNOWN};
    }

    private static long limitValue(String s) {
        if (s.equals("unlimited")) {
            return Schema.UNLIMITED;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Schema.UNKNOWN;
        }
    }

    /** Counts CPUs in a list such as 0-3,8,10-11. */
    static int countCpuList(String list) {
        if (list == null || list.isBlank()) {
            return (int) Schema.UNKNOWN;
        }
        int n = 0;
        for (String part : list.trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    Integer.parseInt(part.trim());
                    n++;
                } else {
                    n += Integer.parseInt(part.substring(dash + 1).trim()) - Integer.parseInt(part.substring(0, dash).trim()) + 1;
                }
            } catch (NumberFormatException e) {
                return (int) Schema.UNKNOWN;
            }
        }
        return n;
    }
}
