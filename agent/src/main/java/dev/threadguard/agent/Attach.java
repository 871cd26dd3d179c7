package dev.threadguard.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import dev.threadguard.events.AgentOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -cp threadguard.jar dev.threadguard.agent.Attach <pid> [options]}: loads the agent into a
 * running JVM and prints the agent's answer in one line, read back from the target
 * ({@link AttachStatus}), not only what its stderr shows. Exit 0: recording (or events going into the
 * JVM's recordings); 1: the agent is already there (nothing changed), the load failed, or the
 * recording did not start; 2: usage or a bad option (nothing loaded).
 */
public final class Attach {
    private Attach() {}

    static final long ANSWER_MILLIS = 30_000;

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d+")) {
            System.err.println("usage: java -cp threadguard.jar dev.threadguard.agent.Attach <pid> [key=value,...]");
            return 2;
        }
        String pid = args[0];
        String options = args.length > 1 ? args[1] : "";
        try {
            AgentOptions.parse(options);
        } catch (IllegalArgumentException e) {
            System.err.println("threadguard: " + e.getMessage() + "; nothing was loaded into " + pid);
            return 2;
        }
        options = absoluteFile(options);
        String jar = new File(Attach.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getAbsolutePath();
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (Exception e) {
            System.err.println("threadguard: cannot attach to " + pid + ": " + e.getMessage());
            return 1;
        }
        try {
            int before = Integer.parseInt(vm.getSystemProperties().getProperty(AttachStatus.SEQUENCE, "0"));
            try {
                load(vm, jar, options.isEmpty() ? null : options);
            } catch (AgentLoadException e) {
                System.err.println("threadguard: " + pid + " could not load the agent jar " + jar + ": " + e.getMessage());
                return 1;
            } catch (AgentInitializationException e) {
                System.err.println("threadguard: the agent failed to start in " + pid + " (code " + e.returnValue()
                    + "); its stderr may say more");
                return 1;
            }
            return answer(vm, pid, before, warningNote(vm));
        } finally {
            vm.detach();
        }
    }

    static final long LOAD_RETRY_MILLIS = 3_000;

    /**
     * A JVM attached to in its first moments can refuse to load java.instrument ("Failed to load agent
     * library: java.lang.NullPointerException" from JDK 17, seen when watch attached to a JVM it had just
     * started) and take it a moment later: the load is tried again for up to 3 s. A jar the JVM cannot
     * use fails the same way every time and is reported after the last try.
     */
    static void load(VirtualMachine vm, String jar, String options) throws Exception {
        long deadline = System.nanoTime() + LOAD_RETRY_MILLIS * 1_000_000;
        while (true) {
            try {
                vm.loadAgent(jar, options);
                return;
            } catch (AgentLoadException e) {
                if (System.nanoTime() > deadline || !e.getMessage().startsWith("Failed to load agent library")) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Waits (bounded) for this attach's answer past "installed", prints it, and maps it to an exit code. */
    private static int answer(VirtualMachine vm, String pid, int before, String note) throws Exception {
        long deadline = System.nanoTime() + ANSWER_MILLIS * 1_000_000;
        String[] status = null;
        while (System.nanoTime() < deadline) {
            Properties p = vm.getSystemProperties();
            status = AttachStatus.parse(p.getProperty(AttachStatus.STATUS));
            boolean ours = status != null && Integer.parseInt(status[0]) > before;
            if (ours && !status[1].equals("installed")) {
                break;
            }
            if (!ours) {
                status = null;
            }
            Thread.sleep(100);
        }
        if (status == null) {
            System.err.println("threadguard: the agent was loaded into " + pid + " but did not answer within "
                + ANSWER_MILLIS / 1000 + " s (a JDK older than 17? its stderr may say more)");
            return 1;
        }
        switch (status[1]) {
            case "recording":
            case "events":
            case "never":
                System.out.println("threadguard: agent loaded into " + pid + ": " + status[2] + note);
                return 0;
            case "installed":
                System.out.println("threadguard: agent loaded into " + pid + "; its recording had not started after "
                    + ANSWER_MILLIS / 1000 + " s");
                return 1;
            case "already":
                System.err.println("threadguard: " + pid + ": " + status[2]);
                return 1;
            default:
                System.err.println("threadguard: agent not running in " + pid + ": " + status[2]);
                return 1;
        }
    }

    /**
     * JDK 21+ prints four WARNING lines on the target's stderr for a dynamically loaded agent (JEP 451),
     * unless it runs with -XX:+EnableDynamicAgentLoading; nothing on this side can prevent them, so say why they are there.
     */
    private static String warningNote(VirtualMachine vm) {
        try {
            String spec = vm.getSystemProperties().getProperty("java.specification.version", "17");
            int feature = Integer.parseInt(spec.split("\\.")[0]);
            String args = vm.getAgentProperties().getProperty("sun.jvm.args", "") + " "
                + vm.getAgentProperties().getProperty("sun.jvm.flags", "");
            if (feature >= 21 && !args.contains("+EnableDynamicAgentLoading")) {
                return " (JDK " + feature + " printed its dynamic-agent WARNING lines on that JVM's stderr;"
                    + " -XX:+EnableDynamicAgentLoading there, or -javaagent at its start, avoids them)";
            }
        } catch (Exception | Error e) {
            // only a note
        }
        return "";
    }

    /** A relative file= is meant from here, not from the target's working directory. */
    static String absoluteFile(String options) {
        if (options.isEmpty()) {
            return options;
        }
        List<String> out = new ArrayList<>();
        for (String item : options.split(",", -1)) {
            String t = item.trim();
            if (t.startsWith("file=")) {
                t = "file=" + Path.of(t.substring("file=".length()).trim()).toAbsolutePath();
            }
            out.add(t);
        }
        return String.join(",", out);
    }
}
