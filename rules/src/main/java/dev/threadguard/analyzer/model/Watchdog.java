package dev.threadguard.analyzer.model;

import jdk.jfr.consumer.EventStream;

/**
 * Runs a stream to its end, unless it stops making progress: the JDK's parser can wait forever on a
 * damaged chunk (it takes it for one still being written). Progress is events handed to the model, so
 * a big recording takes as long as it needs. The stream runs on the caller's thread, so its parse
 * errors reach the caller; a daemon thread watches and closes it.
 */
final class Watchdog implements Runnable {
    static final int STALL_SECONDS = 5;

    private final EventStream stream;
    private final ProcessModel pm;
    private volatile boolean done;
    private volatile boolean stalled;

    private Watchdog(EventStream stream, ProcessModel pm) {
        this.stream = stream;
        this.pm = pm;
    }

    /** True when the stream ended by itself; false when it was closed for making no progress. */
    static boolean run(EventStream es, ProcessModel pm) {
        Watchdog w = new Watchdog(es, pm);
        Thread t = new Thread(w, "threadguard-read-watchdog");
        t.setDaemon(true);
        t.start();
        try {
            es.start();
        } finally {
            w.done = true;
            t.interrupt();
        }
        return !w.stalled;
    }

    @Override
    public void run() {
        long seen = -1;
        int idle = 0;
        try {
            while (!done) {
                Thread.sleep(1000);
                if (pm.events == seen) {
                    if (++idle >= STALL_SECONDS && !done) {
                        stalled = true;
                        stream.close();
                        return;
                    }
                } else {
                    seen = pm.events;
                    idle = 0;
                }
            }
        } catch (InterruptedException e) {
            // the stream ended
        }
    }
}
