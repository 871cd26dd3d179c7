package dev.threadguard.analyzer.host;

import java.util.LinkedHashMap;
import java.util.Map;

/** One process of a host census: what oshi and /proc say about it at one moment. Public fields: it is also the JSON form. */
public final class ProcessInfo {
    public long pid;
    public long ppid;
    /** Executable name (comm). */
    public String name = "";
    /** Command line, cut to 300 characters. */
    public String command = "";
    public String user = "";
    /** oshi's state: RUNNING, SLEEPING, WAITING, ZOMBIE, STOPPED, ... */
    public String state = "";
    public int threads;
    /** User + kernel CPU time since the process started, seconds. */
    public double cpuSeconds;
    /** Time its threads waited for a CPU (schedstat, summed over live threads), seconds; -1 when unreadable. */
    public double runQueueWaitSeconds = -1;
    /** Threads in state R (on a CPU or waiting for one) now; -1 when unreadable. */
    public int runnableThreads = -1;
    /** jvm, python or native: what runs in it. */
    public String runtime = "native";
    /** Thread-count environment variables that are set (OMP_NUM_THREADS, ...). */
    public Map<String, String> threadEnv = new LinkedHashMap<>();
    /** False when the environment could not be read (another user's process). */
    public boolean envReadable;

    /** The program: executable name plus the script, jar or main class it runs (how worker processes are grouped). */
    public String program = "";

    /** The program from the executable name and the arguments: name plus the first non-option argument. */
    static String program(String name, java.util.List<String> args) {
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path") || a.equals("-p")
                    || a.equals("--module-path")) {
                i++;
                continue;
            }
            if ((a.equals("-jar") || a.equals("-m") || a.equals("--module")) && i + 1 < args.size()) {
                return name + " " + a + " " + base(args.get(i + 1));
            }
            if (a.startsWith("-")) {
                continue;
            }
            return name + " " + base(a);
        }
        return name;
    }

    private static String base(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
