package dev.threadguard.agent;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;

/** {@code java -cp threadguard.jar dev.threadguard.agent.Attach <pid> [options]}: loads the agent into a running JVM. */
public final class Attach {
    private Attach() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d+")) {
            System.err.println("usage: java -cp threadguard.jar dev.threadguard.agent.Attach <pid> [key=value,...]");
            System.exit(2);
        }
        String jar = new File(Attach.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getAbsolutePath();
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(args[0]);
        } catch (Exception e) {
            System.err.println("threadguard: cannot attach to " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            vm.loadAgent(jar, args.length > 1 ? args[1] : null);
            System.out.println("threadguard: agent loaded into " + args[0]
                + "; the recording is written when that JVM exits (or: jcmd " + args[0] + " JFR.dump name=threadguard filename=FILE)");
        } finally {
            vm.detach();
        }
    }
}
