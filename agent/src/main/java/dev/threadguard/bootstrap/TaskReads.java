package dev.threadguard.bootstrap;

import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * One OS thread's read for {@link OsThreads}: its schedstat (on-CPU and run-queue wait, ~4.3 us of
 * kernel time) and, when needed, its status (state, involuntary switches, ~7.6 us). Called under
 * the Sampler's lock.
 */
final class TaskReads {
    private TaskReads() {}

    /** What a status read counts against a snapshot's read budget; a schedstat read counts 1. */
    static final int STATUS_COST = 2;
    private static final byte[] STATE = "State:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME = "Name:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONVOLUNTARY = "nonvoluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUF = new byte[8192];

    /**
     * Status files (state, involuntary switches) of a Java thread parked in Java are read at least
     * this often; between, its state is S and its switches add up at the next read.
     */
    private static final int STATUS_EVERY = 8;

    /**
     * Reads one thread; returns the read cost spent. Sets the task's differences for this snapshot.
     * A Java thread parked in Java (WAITING, TIMED_WAITING, BLOCKED) whose CPU clock (the JVM's,
     * the same nanoseconds as schedstat's, ~1.5 us against ~4.3 us for schedstat) did not move since
     * its last read has not run: nothing changed, and a parked thread accrues no run-queue wait, so
     * neither file is read. Java's state only ever saves a read here; it never makes a thread busy.
     */
    static int read(OsTask t, long gen, ThreadMXBean mx) {
        boolean parked = parkedInJava(t.thread);
        if (parked && t.baseline) {
            long jcpu = javaCpu(mx, t.thread);
            if (jcpu >= 0 && jcpu == t.cpu) {
                t.state = 'S';
                t.lastRead = gen;
                t.dCpu = 0;
                t.dWait = 0;
                t.dNvcsw = 0;
                return 0;
            }
        }
        int n = ProcFs.readInto(t.schedstat(), BUF);
        if (n <= 0) {
            return 1;
        }
        long cpu = ProcFs.parseLong(BUF, 0, n);
        int sp = indexOf(BUF, 0, n, (byte) ' ');
        long wait = sp < 0 ? -1 : ProcFs.parseLong(BUF, sp + 1, n);
        if (cpu < 0 || wait < 0) {
            return 1;
        }
        // read before: its difference; born since the first snapshot: all of it; else a baseline
        boolean whole = !t.baseline && t.bornSinceFirst;
        long dCpu = t.baseline ? Math.max(cpu - t.cpu, 0) : whole ? cpu : 0;
        long dWait = t.baseline ? Math.max(wait - t.wait, 0) : whole ? wait : 0;
        int cost = 1;
        long dNvcsw = 0;
        // a thread that did not run since its last read kept its state and its involuntary switches;
        // one that ran and is parked in Java again is S, its switches read every STATUS_EVERY reads
        if (parked && (dCpu > 0 || !t.statusRead) && t.sinceStatus < STATUS_EVERY) {
            t.state = 'S';
            t.sinceStatus++;
        } else if (!t.statusRead || dCpu > 0 || t.state == 'R' || t.state == 'D' || t.sinceStatus > 0) {
            t.sinceStatus = 0;
            cost += STATUS_COST;
            int m = ProcFs.readInto(t.status(), BUF);
            if (m > 0) {
                long nv = readStatus(t, m);
                if (nv >= 0) {
                    dNvcsw = t.statusRead ? Math.max(nv - t.nvcsw, 0) : whole ? nv : 0;
                    t.nvcsw = nv;
                }
                t.statusRead = true;
            }
        }
        t.cpu = cpu;
        t.wait = wait;
        t.baseline = true;
        t.lastRead = gen;
        t.dCpu = dCpu;
        t.dWait = dWait;
        t.dNvcsw = dNvcsw;
        return cost;
    }

    /** Takes the comm and state from a status file in BUF; returns nonvoluntary_ctxt_switches or -1. */
    private static long readStatus(OsTask t, int m) {
        int at = ProcFs.afterLineKey(BUF, m, NAME);
        if (at >= 0) {
            at = skipBlanks(at, m);
            int eol = indexOf(BUF, at, m, (byte) '\n');
            t.comm = new String(BUF, at, (eol < 0 ? m : eol) - at, StandardCharsets.UTF_8);
        }
        at = ProcFs.afterLineKey(BUF, m, STATE);
        if (at >= 0) {
            at = skipBlanks(at, m);
            t.state = at < m ? (char) BUF[at] : '?';
        }
        at = ProcFs.afterLineKey(BUF, m, NONVOLUNTARY);
        return at < 0 ? -1 : ProcFs.parseLong(BUF, at, m);
    }

    @SuppressWarnings("deprecation")
    static long javaId(Thread t) {
        return t.getId();
    }

    private static boolean parkedInJava(Thread t) {
        if (t == null) {
            return false;
        }
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
    }

    /** The JVM's CPU clock of a thread, ns, or -1. */
    @SuppressWarnings("deprecation")
    private static long javaCpu(ThreadMXBean mx, Thread t) {
        try {
            return mx.getThreadCpuTime(t.getId());
        } catch (Throwable e) {
            return -1;
        }
    }

    private static int skipBlanks(int at, int end) {
        while (at < end && (BUF[at] == '\t' || BUF[at] == ' ')) {
            at++;
        }
        return at;
    }

    private static int indexOf(byte[] buf, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
