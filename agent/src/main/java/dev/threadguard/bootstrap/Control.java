package dev.threadguard.bootstrap;


/** What the agent's installer may ask of the bootstrap side; everything else there is package-private. */
public final class Control {
    private Control() {}

    public static void configure(String agentVersion, String agentOptions, boolean virtualThreadsTracked) {
        HostFacts.agentVersion = agentVersion;
        HostFacts.agentOptions = agentOptions;
        virtualThreadsTracked(virtualThreadsTracked);
        dev.threadguard.events.live.LiveData.install(new Live());
    }

    /** VirtualThread is woven (at premain, or later as it loads): its live count is kept from now on. Never undone. */
    public static void virtualThreadsTracked(boolean tracked) {
        if (tracked) {
            Registry.virtualTracked = true;
        }
    }

    /** The agent's own thread: it and every thread it starts (JFR's) are left out of what is measured. */
    public static void excludeThread(Thread t) {
        ThreadBits.exclude(t);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean INSTALLED = new java.util.concurrent.atomic.AtomicBoolean();

    private static volatile String running = "starting";

    /** What the installed agent does (for a later attach to say); set by the recorder. */
    public static void running(String what) {
        running = what;
    }

    public static String running() {
        return running;
    }

    /** True for the first caller only: a second attach must not instrument twice. */
    public static boolean claimInstall() {
        return INSTALLED.compareAndSet(false, true);
    }

    /**
     * Initialises what the woven JDK methods will call, in premain before any is woven: an event class
     * initialised in an app thread while JFR registers another can deadlock on JDK 17.
     */
    public static void prepare() {
        Emit.take();
    }

    /** The agent will start a recording in the background: an exit before it has started waits for it. */
    public static void expectRecording() {
        StartWait.expected = true;
    }

    /** On the thread that starts the recording, first thing: an exit's wait watches its progress. */
    public static void starterRunning() {
        StartWait.starterRunning();
    }

    /** JFR says the agent's recording runs: an exit from now on leaves it (JFR's shutdown hook writes it). */
    public static void recordingRunning() {
        StartWait.running = true;
    }

    /** The background start is over, started or failed: exits no longer wait. */
    public static void recordingSettled() {
        StartWait.SETTLED.countDown();
    }

    public static boolean recordingPending() {
        return StartWait.pending();
    }

    /** The JVM shuts down with no recording of the agent's: it was expected and JFR never said it runs. */
    public static boolean recordingLost() {
        return StartWait.pending() && !StartWait.running;
    }

    /** Why an exit stopped waiting for the start, or null (then no exit waited: a signal, Runtime.halt). */
    public static String exitWaitGaveUp() {
        return StartWait.gaveUp;
    }

    /**
     * On the agent's non-daemon thread: keeps the JVM alive while main() runs and then while the
     * recording's start makes progress (bounded, see {@link StartWait}).
     */
    public static void holdForRecordingStart(Thread main) {
        StartWait.holdWhileAlive(main);
    }

    /** On an agent thread that needs the recorder done first: waits as an exit does (bounded). */
    public static void holdForRecordingStart() {
        try {
            if (StartWait.SETTLED.getCount() > 0) {
                StartWait.await();
            }
        } catch (Throwable ignored) {
            // goes on without
        }
    }

    static void awaitRecordingStart() throws InterruptedException {
        if (StartWait.pending() && !Registry.onAgentThread()) {
            StartWait.await();
        }
    }

    /** Starts counting; before this every hook returns at once. */
    public static void enable() {
        Hooks.enable();
        // the installing thread (main, under -javaagent) started before any hook could learn its OS id
        Tids.learnCurrent();
    }

    /** The common pool exists before any agent: know it before events flow, so recordings get it by replay. */
    public static void registerCommonPool() {
        ForkJoinPools.forkJoinCreated(java.util.concurrent.ForkJoinPool.commonPool(), true);
    }

    /** Every event class is registered with JFR: from now on the hooks write events. */
    public static void eventsReady() {
        Emit.ready = true;
    }

    /** Called when a recording starts: it describes again the pools created before it. */
    public static void replay() {
        Registry.replayAll();
    }

    /** After an attach: finds the pools of live workers that name their pool (ForkJoin workers). */
    public static void discoverLiveThreads() {
        ForkJoinPools.discoverLiveWorkers();
    }
}
