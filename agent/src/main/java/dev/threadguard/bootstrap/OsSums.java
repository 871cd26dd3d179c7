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
}

