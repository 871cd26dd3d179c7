package dev.threadguard.agent;

import dev.threadguard.bootstrap.Control;
import dev.threadguard.events.AgentOptions;
import java.lang.instrument.Instrumentation;
import java.util.List;

/** Parses the options, instruments, and hands the recording to a background thread. */
final class Installer {
    private Installer() {}

    static void install(String optionText, Instrumentation inst, boolean attached) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(optionText);
        } catch (IllegalArgumentException e) {
            System.err.println("threadguard: " + e.getMessage() + "; agent disabled");
            return;
        }
        if (options.help) {
            System.err.print(AgentOptions.table());
            System.err.println("threadguard: help requested; agent disabled");
            return;
        }
        if (!Control.claimInstall()) {
            if (options.logInfo) {
                System.err.println("threadguard: already installed in this JVM");
            }
            return;
        }
        try {
            boolean[] virtual = new boolean[1];
            List<String> errors = Instrumenter.install(inst, virtual);
            Control.configure(version(), options.toString(), virtual[0]);
            Control.enable();
            if (attached) {
                Control.discoverLiveThreads();
            }
            if (options.logInfo) {
                System.err.println("threadguard: agent " + version() + " installed (" + options + ")"
                    + (errors.isEmpty() ? "" : "; not instrumented: " + errors));
            }
            Recorder.start(options, attached);
        } catch (Throwable t) {
            System.err.println("threadguard: could not install (" + t + "); agent disabled");
        }
    }

    static String version() {
        String v = Installer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
