package dev.threadguard.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code -javaagent:threadguard.jar=options} and of attaching to a running JVM. This
 * class touches nothing of the bootstrap side before that side is on the bootstrap class path, so
 * that the hooks and events are loaded exactly once, by the bootstrap loader.
 */
public final class ThreadGuardAgent {
    private ThreadGuardAgent() {}

    public static void premain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    /**
     * Synchronized: an attach can arrive while premain still runs (a JVM attached to in its first ~100 ms);
     * it then waits for premain and finds the agent there, instead of installing beside it.
     */
    private static synchronized void start(String options, Instrumentation inst, boolean attached) {
        long t0 = System.nanoTime();
        int attach = attached ? AttachStatus.next() : 0;
        try {
            // our relocated Byte Buddy must not touch sun.misc.Unsafe: JDK 23+ prints warnings for it
            System.setProperty("dev.threadguard.shaded.bytebuddy.safe", "true");
            BootstrapInjector.inject(inst);
        } catch (Throwable t) {
            String why = "cannot define its hooks in the bootstrap class loader (" + t + "); agent disabled";
            System.err.println("threadguard: " + why);
            AttachStatus.set(attach, "error", why);
            return;
        }
        try {
            Installer.install(options, inst, attach, t0);
        } catch (Throwable t) {
            // never into the JVM's attach or start-up: the caller gets a status, the app runs on
            String why = "failed while installing (" + t + ")";
            System.err.println("threadguard: " + why);
            AttachStatus.set(attach, "error", why);
        }
    }
}
