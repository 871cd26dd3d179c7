package dev.threadguard.agent;

/**
 * The agent's answer to an attach, where the attaching process can read it: system properties of the
 * target JVM (the Attach API reads them). Each attach gets a number, so a second attach never reads
 * the first one's answer. States: installed (recording starting), recording, events (into the JVM's
 * own recordings), never (recording=never), already (an earlier attach's agent runs; nothing changed),
 * error (agent disabled: a bad option, a failure).
 */
final class AttachStatus {
    private AttachStatus() {}

    static final String SEQUENCE = "dev.threadguard.attach.sequence";
    static final String STATUS = "dev.threadguard.attach.status";

    /** Numbers a new attach; 0 means premain (no one to tell). */
    static synchronized int next() {
        int n = Integer.getInteger(SEQUENCE, 0) + 1;
        System.setProperty(SEQUENCE, Integer.toString(n));
        return n;
    }

    static void set(int attach, String state, String message) {
        if (attach > 0) {
            System.setProperty(STATUS, attach + " " + state + " " + message.replace('\n', ' ').replace('\r', ' '));
        }
    }

    /** {attach number, state, message} of a status value, or null if it is not one. */
    static String[] parse(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(" ", 3);
        return parts.length == 3 ? parts : null;
    }
}
