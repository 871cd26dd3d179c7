package dev.threadguard.bootstrap;

/** Sums of what the OS measured for a set of threads; counts are the latest snapshot's. */
final class OsSums {
    long generation;
    int sampled;
    int runnable;
    int uninterruptible;
    long cpu;
    long wait;
    long nvcsw;

    void add(long gen, OsTask t) {
        if (generation != gen) {
            generation = gen;
            sampled = 0;
            runnable = 0;
            uninterruptible = 0;
        }
        sampled++;
        if (t.state == 'R') {
            runnable++;
        } else if (t.state == 'D') {
            uninterruptible++;
        }
        cpu += t.dCpu;
        wait += t.dWait;
        nvcsw += t.dNvcsw;
    }

    /** What a thread matched late ran before its match ({@link OsTask#creditCpu}): its pool's, not the process's again. */
    void credit(OsTask t) {
        cpu += t.creditCpu;
        wait += t.creditWait;
        t.creditCpu = 0;
        t.creditWait = 0;
    }
}

