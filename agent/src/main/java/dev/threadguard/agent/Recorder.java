package dev.threadguard.agent;

import dev.threadguard.bootstrap.Control;
import dev.threadguard.bootstrap.Sampler;
import dev.threadguard.bootstrap.UnusedEnds;
import dev.threadguard.events.AgentOptions;
import dev.threadguard.events.CodeSource;
import dev.threadguard.events.Host;
import dev.threadguard.events.NativeThreads;
import dev.threadguard.events.NestedPoolUse;
import dev.threadguard.events.OsThreadsSeen;
import dev.threadguard.events.PoolConfigChanged;
import dev.threadguard.events.PoolCreated;
import dev.threadguard.events.PoolSample;
import dev.threadguard.events.PoolShutdown;
import dev.threadguard.events.PoolsEndedUnused;
import dev.threadguard.events.ProcessThreads;
import dev.threadguard.events.TaskRejected;
import dev.threadguard.events.ThreadStartFailed;
import dev.threadguard.events.ThreadStarted;
import dev.threadguard.events.WorkerExited;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.EventSettings;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Registers the events with JFR and, unless the JVM records already, starts the agent's own
 * recording. All of it runs on a background thread: JFR takes ~0.4 s to start, which must not
 * delay the application's main().
 */
final class Recorder {
    private Recorder() {}

    static final List<Class<? extends Event>> INSTANT_EVENTS = List.of(PoolCreated.class, PoolConfigChanged.class,
        PoolShutdown.class, TaskRejected.class, ThreadStarted.class, ThreadStartFailed.class, WorkerExited.class,
        NestedPoolUse.class, OsThreadsSeen.class, NativeThreads.class, CodeSource.class,
        // registered here, not at a first commit in an app thread (JDK 17 can deadlock on that); no stack by default
        PoolCreated.Detached.class, PoolShutdown.Detached.class, TaskRejected.Detached.class, NestedPoolUse.Detached.class);
    static final List<Class<? extends Event>> WITH_STACKS = List.of(PoolCreated.class, PoolConfigChanged.class,
        TaskRejected.class, ThreadStartFailed.class, NestedPoolUse.class);

    /** The agent's own recording; JFR's shutdown hook writes it at exit. An exit before it has started waits for it (StartWait). */
    private static volatile Recording own;
    private static volatile Path ownFile;

    /** attach: the number of this attach, 0 for -javaagent. */
    static void start(AgentOptions options, int attach) {
        boolean attached = attach > 0;
        // a named class, not a lambda: the first lambda costs an invokedynamic bootstrap on the startup path
        Thread starter = new Thread(new Starter(options, attach), "threadguard-recorder");
        boolean recording = !options.recording.equals("never") && !attached;
        // a daemon: a JFR start that never returns must not keep the application's JVM alive
        starter.setDaemon(true);
        Control.excludeThread(starter);
        if (recording) {
            Control.expectRecording();
            ExitReport.install(options);
            // a main() that returns in 50 ms waits for the start (JFR cannot start once the JVM shuts
            // down), bounded: this non-daemon thread gives up after Control's exit wait
            Thread holder = new Thread(new HoldForStart(Thread.currentThread()), "threadguard-recorder-wait");
            holder.setDaemon(false);
            Control.excludeThread(holder);
            holder.start();
        }
        starter.start();
    }

    private static final class HoldForStart implements Runnable {
        /** premain's thread: the application's main thread, whose end starts the exit wait. */
        private final Thread main;

        HoldForStart(Thread main) {
            this.main = main;
        }

        @Override
        public void run() {
            Control.holdForRecordingStart(main);
        }
    }

    private static final class Starter implements Runnable {
        private final AgentOptions options;
        private final int attach;

        Starter(AgentOptions options, int attach) {
            this.options = options;
            this.attach = attach;
        }

        @Override
        public void run() {
            Control.starterRunning();
            Recorder.run(options, attach);
        }
    }

    private static void run(AgentOptions options, int attach) {
        boolean attached = attach > 0;
        try {
            for (Class<? extends Event> c : INSTANT_EVENTS) {
                FlightRecorder.register(c);
            }
            // explicitly too, before their hooks: left to addPeriodicEvent, Host was once found unregistered
            FlightRecorder.register(PoolSample.class);
            FlightRecorder.register(ProcessThreads.class);
            FlightRecorder.register(Host.class);
            FlightRecorder.register(PoolsEndedUnused.class);
            // at every chunk's end, so that a range still open is in the recording JFR writes at exit
            FlightRecorder.addPeriodicEvent(PoolsEndedUnused.class, UnusedEnds::flush);
            FlightRecorder.addPeriodicEvent(PoolSample.class, Sampler::samplePools);
            FlightRecorder.addPeriodicEvent(ProcessThreads.class, Sampler::sampleProcess);
            FlightRecorder.addPeriodicEvent(Host.class, Sampler::host);
            Control.registerCommonPool();
            Control.eventsReady();
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    if (recording.getState() == RecordingState.RUNNING) {
                        if (recording == own) {
                            Control.recordingRunning();
                        }
                        Control.replay();
                    } else if (recording == own && recording.getState() == RecordingState.STOPPED) {
                        CutRun.finished(ownFile);
                        ExitReport.written(ownFile, options.logInfo);
                    }
                }
            });
            if (shouldStartOwn(options, attached)) {
                Path file = startOwn(options);
                String what = file == null ? "no recording (see the JVM's stderr)" : "recording to " + file
                    + " (written when the JVM exits, or: jcmd " + ProcessHandle.current().pid()
                    + " JFR.dump name=threadguard filename=FILE)";
                Control.running(what);
                AttachStatus.set(attach, file == null ? "error" : "recording", what);
            } else {
                // recordings already running missed the pools created so far
                Control.replay();
                String what = options.recording.equals("never") ? "recording=never: events go only into recordings"
                    + " that others start" : "events go into the recording(s) the JVM already runs";
                Control.running(what);
                AttachStatus.set(attach, options.recording.equals("never") ? "never" : "events", what);
            }
        } catch (Throwable t) {
            ExitReport.failed("could not start the recording (" + t + ")");
            AttachStatus.set(attach, "error", "could not start the recording (" + t + ")");
        } finally {
            Control.recordingSettled();
        }
    }

    /** warn=: how often JFR writes what was recorded to the repository, where the live findings read it. */
    static final Duration LIVE_FLUSH = Duration.ofMillis(250);

    /**
     * The live findings read the repository as JFR flushes it, by default once a second: the first of
     * the steps between an onset and its finding. Recording.setFlushInterval is not public (jdk.jfr
     * is opened to the agent for it, only with warn=); where it fails the recording flushes as usual.
     */
    private static void flushOften(Recording r) {
        try {
            java.lang.reflect.Method m = Recording.class.getDeclaredMethod("setFlushInterval", Duration.class);
            m.setAccessible(true);
            m.invoke(r, LIVE_FLUSH);
        } catch (Throwable ignored) {
            // flushes once a second
        }
    }

    /** Why the recording file cannot be written, or null; checked in premain with the pid not known yet. */
    static String fileProblem(AgentOptions options) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(options.file(0)).toAbsolutePath();
            java.nio.file.Path dir = file.getParent();
            if (java.nio.file.Files.isDirectory(file)) {
                return "option 'file' names a directory: " + file;
            }
            if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
                return "option 'file': no directory " + dir;
            }
            boolean writable = java.nio.file.Files.exists(file) ? java.nio.file.Files.isWritable(file)
                : dir == null || java.nio.file.Files.isWritable(dir);
            return writable ? null : "option 'file': cannot write " + file;
        } catch (RuntimeException e) {
            return "option 'file' is not a usable path: " + e.getMessage();
        }
    }

    private static boolean shouldStartOwn(AgentOptions options, boolean attached) {
        switch (options.recording) {
            case "always":
                return true;
            case "never":
                return false;
            default:
                if (attached) {
                    return FlightRecorder.getFlightRecorder().getRecordings().isEmpty();
                }
                return !JvmArguments.startFlightRecording();
        }
    }

    /** The file it will write, or null when it cannot. */
    private static Path startOwn(AgentOptions options) {
        Recording r = new Recording();
        r.setName("threadguard");
        Duration period = Duration.ofMillis(options.periodMillis);
        for (Class<? extends Event> c : INSTANT_EVENTS) {
            EventSettings s = r.enable(c);
            if (WITH_STACKS.contains(c)) {
                if (options.stacks) {
                    s.withStackTrace();
                } else {
                    s.withoutStackTrace();
                }
            }
        }
        r.enable(PoolSample.class).withPeriod(period);
        r.enable(ProcessThreads.class).withPeriod(period);
        r.enable(Host.class);
        r.enable(PoolsEndedUnused.class);
        // the JDK's own events the analyzer reads next to ours
        if (options.stacks) {
            r.enable("jdk.ThreadStart").withStackTrace();
        } else {
            r.enable("jdk.ThreadStart").withoutStackTrace();
        }
        r.enable("jdk.ThreadEnd");
        r.enable("jdk.JavaThreadStatistics").withPeriod(period);
        r.enable("jdk.CPULoad").withPeriod(period);
        r.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofSeconds(1));
        r.enable("jdk.ThreadContextSwitchRate").withPeriod(Duration.ofSeconds(1));
        r.enable("jdk.CPUInformation");
        r.enable("jdk.ThreadAllocationStatistics");
        r.enable("jdk.ContainerConfiguration");
        r.enable("jdk.JVMInformation");
        r.enable("jdk.OSInformation");
        // which native libraries (OpenMP, BLAS, ONNX Runtime) could own the native threads
        r.enable("jdk.NativeLibrary").with("period", "everyChunk");
        r.enable("jdk.ActiveRecording");
        Path file = Path.of(options.file(ProcessHandle.current().pid())).toAbsolutePath();
        try {
            r.setDestination(file);
        } catch (java.io.IOException e) {
            ExitReport.failed("cannot write " + file + " (" + e.getMessage() + "); no recording");
            r.close();
            return null;
        }
        r.setToDisk(true);
        if (options.liveFindings) {
            flushOften(r);
        }
        // JFR's shutdown hook stops every running recording, and stopping writes it to its destination
        own = r;
        ownFile = file;
        r.start();
        // started: an exit need not wait any longer, even if this starved thread is slow to finish here
        Control.recordingSettled();
        String chunks = CutRun.markInProgress(file);
        if (options.logInfo) {
            System.err.println("threadguard: recording to " + file + (chunks == null ? "" : " (chunks in " + chunks + " until then)"));
        }
        return file;
    }
}
