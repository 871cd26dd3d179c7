package dev.threadguard.analyzer.live;

import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Thresholds;
import dev.threadguard.events.live.FindingView;
import dev.threadguard.events.live.LiveData;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The analyzer's rules inside the JVM they judge (agent option warn=stderr|meters): the JVM's own
 * recording, streamed from its repository as JFR flushes it (the agent's own recording every 250 ms
 * with this option, others once a second), through the same {@link LiveFindings} as
 * {@code threadguard watch}. With warn=stderr each finding prints one line when it begins and one
 * when it clears; the findings holding now go to {@link LiveData} for the threadguard.findings meter.
 * Runs on the agent's own daemon thread, loaded with the rules in a class loader of their own; smaller
 * caps than watch, as its memory is the application's.
 */
public final class InJvmFindings implements Runnable {
    /** Samples older than this are forgotten: a finding about pools that ended clears about this long after. */
    static final Duration WINDOW = Duration.ofSeconds(20);
    static final int MAX_DESCRIBING = 5_000;
    static final int MAX_WINDOW_EVENTS = 20_000;
    /** The rules run after a flush that brought events, at most this often... */
    static final long MIN_LOOK_NANOS = 500_000_000L;
    /** ...and at least this often while the stream flows, so that findings clear. */
    static final long IDLE_LOOK_NANOS = 1_000_000_000L;
    /** How long to wait for a recording to disk before saying once that there is none. */
    static final long NO_RECORDING_NOTICE_MILLIS = 10_000;

    private final boolean warn;
    private final PrintStream err;
    private final LiveFindings live = new LiveFindings(Rules.all(), Thresholds.defaults(Rules.all()), WINDOW,
            MAX_DESCRIBING, MAX_WINDOW_EVENTS);
    private volatile List<FindingView> holding = List.of();
    private volatile EventStream stream;
    private volatile boolean closed;
    private long lastLook = System.nanoTime() - IDLE_LOOK_NANOS;
    private long lastAccepted = -1;

    /** @param warn print each finding's begin and end on stderr */
    public InJvmFindings(boolean warn) {
        this(warn, System.err);
    }

    InJvmFindings(boolean warn, PrintStream err) {
        this.warn = warn;
        this.err = err;
    }

    @Override
    public void run() {
        try {
            LiveData.installFindings(() -> holding);
            warmUp();
            awaitDiskRecording();
            EventStream es = EventStream.openRepository();
            stream = es;
            es.setReuse(false);
            es.setOrdered(false);
            // from what the repository holds: the pools created before this stream
            es.setStartTime(Instant.EPOCH);
            for (String type : live.eventTypes()) {
                es.onEvent(type, live::accept);
            }
            // after each flush's events: JFR wakes in-process streams at its flush (about once a second)
            es.onFlush(this::lookIfDue);
            // JFR's own stream thread would be a non-daemon one that keeps the JVM alive after main():
            // the stream runs on this daemon thread instead, and closes when the JVM shuts down
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "threadguard-findings-close"));
            es.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (!closed) {
                err.println("threadguard: live findings stopped (" + t + "); the recording goes on");
            }
        }
    }

    /**
     * Runs the rules once over a recording of a nested explosion that travels in this jar
     * (warmup.jfr.gz, the nested-forkjoin sample), and forgets the result. The code that judges a
     * finding is then loaded and linked (lambdas, string concatenation) before an onset needs it,
     * when this thread competes with the oversubscribed pools for a CPU: the first evaluation that
     * found one took 30-50 ms of CPU cold and 14-19 ms after this, which under 32 spinning threads
     * on 2 CPUs was 1.8-3.6 s against 0.7-1.1 s of waiting (docs/performance.md). Costs ~100 ms of
     * CPU once, on this thread.
     */
    static void warmUp() {
        Path file = null;
        try (InputStream in = InJvmFindings.class.getResourceAsStream("warmup.jfr.gz")) {
            if (in == null) {
                return;
            }
            file = Files.createTempFile("threadguard-warmup", ".jfr");
            try (InputStream gz = new GZIPInputStream(in)) {
                Files.copy(gz, file, StandardCopyOption.REPLACE_EXISTING);
            }
            LiveFindings warm = new LiveFindings(Rules.all(), Thresholds.defaults(Rules.all()), WINDOW, MAX_DESCRIBING,
                    MAX_WINDOW_EVENTS);
            try (RecordingFile rf = new RecordingFile(file)) {
                while (rf.hasMoreEvents()) {
                    RecordedEvent e = rf.readEvent();
                    if (warm.eventTypes().contains(e.getEventType().getName())) {
                        warm.accept(e);
                    }
                }
            }
            warm.evaluate(Instant.now());
        } catch (Throwable ignored) {
            // only slower at the first finding
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Throwable ignored) {
                    // in the temporary directory
                }
            }
        }
    }

    /** At JVM shutdown: the stream ends (it reads files the shutdown's dump and cleanup change). */
    private void close() {
        closed = true;
        EventStream es = stream;
        if (es != null) {
            es.close();
        }
    }

    /** After a flush: when events arrived (at most every {@link #MIN_LOOK_NANOS}), and once a second for findings to clear. */
    private void lookIfDue() {
        long now = System.nanoTime();
        long accepted = live.accepted();
        long since = now - lastLook;
        if (closed || since < MIN_LOOK_NANOS || (accepted == lastAccepted && since < IDLE_LOOK_NANOS)) {
            return;
        }
        lastLook = now;
        lastAccepted = accepted;
        look();
    }

    private void look() {
        List<LiveFindings.Change> changes = live.evaluate(Instant.now());
        List<FindingView> now = new ArrayList<>();
        for (Finding f : live.holding()) {
            now.add(new FindingView(f.rule(), f.severity().label(), f.title(), f.location()));
        }
        // the meters count a finding before its line is printed
        holding = List.copyOf(now);
        if (warn) {
            for (LiveFindings.Change c : changes) {
                err.println("threadguard: " + c.line() + (c.found() && !c.fix().isEmpty() ? "; fix: " + c.fix() : ""));
            }
        }
    }

    /** The stream reads the disk repository: it needs a recording to disk (the agent's own, or one started later). */
    private void awaitDiskRecording() throws InterruptedException {
        long start = System.nanoTime();
        boolean told = false;
        while (!diskRecordingRuns()) {
            if (!told && warn && System.nanoTime() - start > NO_RECORDING_NOTICE_MILLIS * 1_000_000) {
                err.println("threadguard: warn=stderr waits for a recording to disk (none runs: recording=never? start one"
                        + " with jcmd PID JFR.start)");
                told = true;
            }
            Thread.sleep(500);
        }
    }

    private static boolean diskRecordingRuns() {
        if (!FlightRecorder.isInitialized()) {
            return false;
        }
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() == RecordingState.RUNNING && r.isToDisk()) {
                return true;
            }
        }
        return false;
    }
}
