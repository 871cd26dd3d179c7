package dev.threadguard.agent;

import dev.threadguard.bootstrap.Control;
import dev.threadguard.events.AgentOptions;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Parses the options, instruments, and hands the recording to a background thread. */
final class Installer {
    private Installer() {}

    /** attach: the number of this attach (its answer goes to {@link AttachStatus}), 0 for -javaagent. */
    static void install(String optionText, Instrumentation inst, int attach, long t0) {
        boolean attached = attach > 0;
        long injected = System.nanoTime();
        AgentOptions options;
        try {
            options = AgentOptions.parse(optionText);
        } catch (IllegalArgumentException e) {
            disabled(attach, e.getMessage());
            return;
        }
        if (options.help) {
            System.err.print(AgentOptions.table());
            disabled(attach, "help requested");
            return;
        }
        String fileProblem = options.recording.equals("never") ? null : Recorder.fileProblem(options);
        if (fileProblem != null) {
            // said now, before main runs: a background thread's message comes too late for a short program
            disabled(attach, fileProblem);
            return;
        }
        if (!Control.claimInstall()) {
            String running = Control.running();
            if (options.logInfo || attached) {
                System.err.println("threadguard: already installed in this JVM (" + running + "); options " + options + " not applied");
            }
            AttachStatus.set(attach, "already", "the agent is already in this JVM: " + running
                + "; this attach changed nothing (options " + options + " not applied)");
            return;
        }
        try {
            Weaver weaver = new Weaver(inst);
            long parsed = System.nanoTime();
            Control.prepare();
            weave(inst, weaver, attached);
            weaver.installed(options.logInfo);
            boolean virtual = weaver.virtualThreadsTracked();
            long woven = System.nanoTime();
            List<String> errors;
            synchronized (weaver.errors) {
                errors = new ArrayList<>(weaver.errors);
            }
            Control.configure(version(), options.toString(), virtual);
            Control.enable();
            if (attached) {
                Control.discoverLiveThreads();
            }
            if (options.logInfo) {
                System.err.println("threadguard: agent " + version() + " installed in " + (System.nanoTime() - t0) / 1_000_000
                    + " ms (hooks " + (injected - t0) / 1_000_000 + " ms, weaving " + (woven - parsed) / 1_000_000 + " ms) ("
                    + options + ")" + (errors.isEmpty() ? "" : "; not instrumented: " + errors));
            }
            AttachStatus.set(attach, "installed", "instrumented; starting the recording");
            if (options.liveFindings) {
                // warn=: the agent's recording flushes more often (Recorder.flushOften)
                inst.redefineModule(jdk.jfr.Recording.class.getModule(), java.util.Set.of(), java.util.Map.of(),
                    java.util.Map.of("jdk.jfr", java.util.Set.of(Installer.class.getModule())), java.util.Set.of(), java.util.Map.of());
            }
            Recorder.start(options, attach);
            if (options.prometheusPort >= 0 && portFree(options)) {
                Thread metrics = new Thread(new Endpoint(options), "threadguard-metrics");
                metrics.setDaemon(true);
                Control.excludeThread(metrics);
                metrics.start();
            }
            if (options.liveFindings) {
                Thread findings = new Thread(new Findings(options), "threadguard-findings");
                findings.setDaemon(true);
                Control.excludeThread(findings);
                findings.start();
            }
        } catch (Throwable t) {
            disabled(attach, "could not install (" + t + ")");
        }
    }

    private static void disabled(int attach, String why) {
        System.err.println("threadguard: " + why + "; agent disabled");
        AttachStatus.set(attach, "error", why + "; agent disabled");
    }

    /** Loads the nested endpoint jar and starts it, on the agent's own thread (off the startup path, never measured). */
    /**
     * A loopback port already taken is said now, before main runs, like a bad file=: the endpoint's own
     * thread may not run before a short program ends. A bind and a close; a named host is left to the
     * endpoint's thread (resolving it could wait).
     */
    private static boolean portFree(AgentOptions options) {
        if (options.prometheusPort == 0 || !options.prometheusHost.isEmpty()) {
            return true;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(options.prometheusPort, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (Throwable t) {
            System.err.println("threadguard: cannot serve Prometheus metrics on loopback:" + options.prometheusPort + " (" + t
                + "); the recording goes on");
            return false;
        }
    }

    private static final class Endpoint implements Runnable {
        private final AgentOptions options;

        Endpoint(AgentOptions options) {
            this.options = options;
        }

        @Override
        public void run() {
            try {
                ClassLoader nested = NestedJarLoader.of("/META-INF/threadguard/prometheus.jar");
                Class<?> starter = Class.forName("dev.threadguard.prometheus.MetricsStarter", true, nested);
                ((Runnable) starter.getConstructor(AgentOptions.class).newInstance(options)).run();
            } catch (Throwable t) {
                System.err.println("threadguard: cannot start the Prometheus endpoint (" + t + "); the recording goes on");
            }
        }
    }

    /**
     * warn=: the analyzer's rules (a jar nested in this one, in a loader of their own) over the JVM's
     * recording as it is written. After the recording has started: its event classes are registered
     * by then, and nothing here may be the first to initialise one (JDK 25 deadlock). A daemon thread:
     * it never holds the JVM's exit.
     */
    private static final class Findings implements Runnable {
        private final AgentOptions options;

        Findings(AgentOptions options) {
            this.options = options;
        }

        @Override
        public void run() {
            try {
                Control.holdForRecordingStart();
                NestedJarLoader nested = NestedJarLoader.of("/META-INF/threadguard/rules.jar");
                nested.loadAll();
                Class<?> live = Class.forName("dev.threadguard.analyzer.live.InJvmFindings", true, nested);
                ((Runnable) live.getConstructor(boolean.class).newInstance(options.warnStderr)).run();
            } catch (Throwable t) {
                System.err.println("threadguard: cannot run the live findings (" + t + "); the recording goes on");
            }
        }
    }

    /**
     * Puts the hooks into the JDK classes of the hook table. Under -javaagent no application code
     * has run yet, and most of them are not loaded (a hello world loads Thread and Runtime, JDK 21+
     * VirtualThread too): the transformer goes in first and weaves each of the others as it loads,
     * before any code can use it; only those already loaded are retransformed (ForkJoinPool alone is
     * a third of the bytes). An attach comes into a running application that loads classes
     * concurrently: every one is loaded first, then all are retransformed.
     */
    private static void weave(Instrumentation inst, Weaver weaver, boolean attached) throws Exception {
        if (attached) {
            List<Class<?>> targets = new ArrayList<>();
            for (String name : HookTable.CLASSES) {
                try {
                    // loaded before the transformer is in place: retransforming a class while it loads can fail
                    targets.add(Class.forName(name.replace('/', '.'), false, null));
                } catch (ClassNotFoundException e) {
                    // VirtualThread before JDK 21
                }
            }
            inst.addTransformer(weaver, true);
            inst.retransformClasses(targets.toArray(new Class<?>[0]));
            return;
        }
        // what the transformer reads for every class is loaded before it goes in: a class that first
        // loads inside transform() would be defined twice (the nested load is not transformed)
        HookTable.libraryClass(HookTable.THREAD);
        inst.addTransformer(weaver, true);
        List<Class<?>> loaded = loadedTargets(inst, weaver, List.of());
        if (!loaded.isEmpty()) {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        // one whose load was under way as the transformer went in (a JVM thread's) is listed by now
        List<Class<?>> late = loadedTargets(inst, weaver, loaded);
        if (!late.isEmpty()) {
            inst.retransformClasses(late.toArray(new Class<?>[0]));
        }
    }

    /** The hook table's JDK classes loaded now, without those in done and those the transformer wove as they loaded. */
    private static List<Class<?>> loadedTargets(Instrumentation inst, Weaver weaver, List<Class<?>> done) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : inst.getInitiatedClasses(null)) {
            String name = c.getName();
            if (name.startsWith("java.") && !done.contains(c)) {
                String internal = name.replace('.', '/');
                if (HookTable.CLASSES.contains(internal) && !weaver.wovenAtLoad(internal)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    static String version() {
        String v = Installer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
