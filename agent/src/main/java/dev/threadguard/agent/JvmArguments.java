package dev.threadguard.agent;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the JVM starts a recording itself (-XX:StartFlightRecording). Asked on the thread that
 * starts the agent's recording, before it runs: the RuntimeMXBean costs that thread 7-15 ms of CPU
 * (0.6 s of its time when the application's threads crowd the CPUs), so the java launcher's own
 * command line and the environment variables the JVM reads options from are read from /proc
 * instead. Where those cannot tell (not Linux, not the java launcher, options read from a file),
 * the RuntimeMXBean is asked.
 */
final class JvmArguments {
    private JvmArguments() {}

    private static final String OPTION = "-XX:StartFlightRecording";
    private static final String[] OPTION_VARIABLES = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"};

    static boolean startFlightRecording() {
        Boolean fromProc = fromProc();
        if (fromProc != null) {
            return fromProc;
        }
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith(OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** The answer from /proc/self/cmdline and the environment, or null when they cannot tell. */
    static Boolean fromProc() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (Throwable t) {
            return null;
        }
        String[] args = new String(raw, StandardCharsets.UTF_8).split("\0");
        if (args.length == 0 || !Path.of(args[0]).getFileName().toString().equals("java")) {
            // a JVM embedded by another program gets its options through JNI, which /proc does not show
            return null;
        }
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@") || arg.startsWith("-XX:Flags=") || arg.startsWith("-XX:VMOptionsFile=")) {
                return null;
            }
            if (arg.startsWith(OPTION)) {
                return true;
            }
        }
        for (String variable : OPTION_VARIABLES) {
            String value = System.getenv(variable);
            if (value != null && value.contains(OPTION)) {
                return true;
            }
        }
        return false;
    }
}
