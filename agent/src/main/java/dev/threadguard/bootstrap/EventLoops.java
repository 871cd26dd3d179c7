package dev.threadguard.bootstrap;

import dev.threadguard.events.kinds.PoolKinds;

/**
 * Netty's event loop groups, learnt from the two Netty methods the agent weaves when an application
 * loads them: a group's constructor (its loops are known from then on) and an event loop's
 * doStartThread (the thread it starts belongs to the loop's group). Nothing here runs, and no
 * thread start pays more than a volatile read, until the first group is built.
 */
final class EventLoops {
    private EventLoops() {}

    /** Each loop of a known group, to the group's state; weak: a loop holds its group, and the app decides when both go. */
    private static final WeakIdentityMap<Object, EventLoopGroupState> LOOPS = new WeakIdentityMap<>();
    private static volatile boolean anyGroup;

    /** At each exit of MultithreadEventExecutorGroup's constructors: the innermost one registers the group. */
    static void groupCreated(Object group) {
        if (Registry.onAgentThread() || Registry.knownHere(group) != null) {
            return;
        }
        int loops = PoolKinds.EVENT_LOOP_GROUP.configuredSize(group);
        EventLoopGroupState s = new EventLoopGroupState(Registry.nextId(), group, loops, Sites.creation(group.getClass()),
            Registry.creatorId());
        Registry.register(group, s);
        for (Object loop : (Iterable<?>) group) {
            LOOPS.putIfAbsent(loop, s);
        }
        anyGroup = true;
    }

    static void loopStarting(Object loop) {
        EventLoopGroupState s = LOOPS.get(loop);
        if (s != null) {
            // between doStartThread's entry and exit: the thread it starts is the group's
            Registry.startingWorkerOf(s);
        }
    }

    static void loopStarted() {
        if (anyGroup) {
            Registry.workerStartDone();
        }
    }
}
