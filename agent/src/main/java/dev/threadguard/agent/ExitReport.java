package dev.threadguard.agent;

import dev.threadguard.bootstrap.Control;
import dev.threadguard.events.AgentOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says in one stderr line, whatever {@code log} is, when a run leaves no recording, and why: the JVM
 * shut down before JFR could start (a signal or Runtime.halt early in the run, or an exit whose wait for
 * the start gave up, and why), the start failed, or the file was not written.
 */
final class ExitReport {
    private ExitReport() {}

    private static volatile boolean said;
    private static final long START_NANOS = System.nanoTime();

    static void install(AgentOptions options) {
        Thread hook = new Thread(new Hook(), "threadguard-exit");
        Control.excludeThread(hook);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static final class Hook implements Runnable {
        @Override
        public void run() {
            if (Control.recordingLost()) {
                String gaveUp = Control.exitWaitGaveUp();
                say("the JVM shut down " + (System.nanoTime() - START_NANOS) / 1_000_000
                    + " ms after the agent started, before JFR could start the recording (it cannot start once"
                    + " shutdown began): " + (gaveUp != null ? gaveUp : "no exit waited for it (a signal or Runtime.halt)")
                    + "; no recording");
            }
        }
    }

    static void failed(String why) {
        say(why);
    }

    /** After JFR stopped the agent's recording: it should be in the file now. */
    static void written(Path file, boolean logInfo) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            size = 0;
        }
        if (size == 0) {
            say("the recording could not be written to " + file);
        } else if (logInfo) {
            System.err.println("threadguard: wrote " + file);
        }
    }

    private static synchronized void say(String line) {
        if (!said) {
            said = true;
            System.err.println("threadguard: " + line.replace('\n', ' '));
        }
    }
}
