package dev.threadguard.bootstrap;

import dev.threadguard.events.Schema;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The only class the advice inlined into JDK classes calls. Lives on the bootstrap class path; every
 * method swallows its own failures so that instrumentation can never change what the app sees.
 * Hooks that may record an event with a stack trace return it (or {@link Emit#NONE}) and the woven
 * JDK method commits it, so the stack trace starts at the JDK method the application called.
 */
public final class Hooks {
    private Hooks() {}

    private static volatile boolean enabled;

    public static void enable() {
        enabled = true;
    }

    /**
     * Thread.start() at entry: the thread is attributed before it can run, so one that creates a pool
     * as its first act (a family's first thread) is already its family's worker.
     */
    public static void threadStarting(Thread t) {
        if (!enabled) {
            return;
        }
        try {
            Registry.threadStarted(t);
        } catch (Throwable ignored) {
            // never let the agent break Thread.start
        }
    }

    /** Thread.start() at exit: writes what its entry found, or undoes it for a thread that did not start. */
    public static jdk.jfr.Event threadStarted(Thread t, Throwable error) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            if (error != null) {
                Registry.threadStartFailed(t, error);
            }
        } catch (Throwable ignored) {
            // never let the agent break Thread.start
        }
        return Emit.take();
    }

    /** Runtime.exit(): waits, bounded, for the agent's recording to start, so that it is written at exit. */
    public static void exiting() {
        if (!enabled) {
            return;
        }
        try {
            Control.awaitRecordingStart();
        } catch (Throwable ignored) {
            // the exit goes ahead
        }
    }

    /** Thread.run() and ForkJoinWorkerThread.run() at entry: the thread learns its own OS id, or leaves it to the sampler (Tids). */
    public static void threadRunning() {
        if (!enabled) {
            return;
        }
        try {
            Tids.learnCurrent();
        } catch (Throwable ignored) {
            // the thread runs without us
        }
    }

    public static void virtualStarted() {
        Registry.VIRTUAL_STARTED.incrementAndGet();
    }

    public static void virtualEnded() {
        Registry.VIRTUAL_ENDED.incrementAndGet();
    }

    public static jdk.jfr.Event executorCreated(ThreadPoolExecutor pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            // the event comes back directly, not through the thread's slot
            jdk.jfr.Event created = ExecutorPools.constructed(pool);
            if (created != null) {
                return created;
            }
        } catch (Throwable ignored) {
            // the pool works without us
        }
        return Emit.take();
    }

    public static void addingWorker(ThreadPoolExecutor pool) {
        if (!enabled) {
            return;
        }
        try {
            ExecutorPools.addingWorker(pool);
        } catch (Throwable ignored) {
            // attribution is best effort
        }
    }

    public static void addedWorker() {
        if (!enabled) {
            return;
        }
        try {
            ExecutorPools.addedWorker();
        } catch (Throwable ignored) {
            // attribution is best effort
        }
    }

    public static void taskStarted(ThreadPoolExecutor pool, Runnable task) {
        if (!enabled) {
            return;
        }
        try {
            ExecutorPools.taskStarted(pool, task);
        } catch (Throwable ignored) {
            // counting is best effort
        }
    }

    public static void taskEnded(ThreadPoolExecutor pool) {
        if (!enabled) {
            return;
        }
        try {
            ExecutorPools.taskEnded(pool);
        } catch (Throwable ignored) {
            // counting is best effort
        }
    }

    /** FutureTask.set/setException at entry: on a worker whose own task this is, the task is over. */
    public static void taskCompleting(Object future) {
        if (!enabled) {
            return;
        }
        try {
            ExecutorPools.taskCompleting(future);
        } catch (Throwable ignored) {
            // counting is best effort
        }
    }

    public static void workerExited(ThreadPoolExecutor pool, boolean abrupt) {
        if (!enabled) {
            return;
        }
        try {
            ExecutorPools.workerExited(pool, abrupt);
        } catch (Throwable ignored) {
            // the worker exits without us
        }
    }

    public static jdk.jfr.Event executorConfigured(ThreadPoolExecutor pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            ExecutorPools.executorConfigured(pool);
        } catch (Throwable ignored) {
            // the setting applies without us
        }
        return Emit.take();
    }

    public static jdk.jfr.Event executorShutdown(ThreadPoolExecutor pool, boolean now) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            Registry.shutdown(ExecutorPools.executor(pool), now ? Schema.PHASE_SHUTDOWN_NOW : Schema.PHASE_SHUTDOWN, true);
        } catch (Throwable ignored) {
            // the shutdown happens without us
        }
        return Emit.take();
    }

    public static jdk.jfr.Event forkJoinShutdown(ForkJoinPool pool, boolean now) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            Registry.shutdown(ForkJoinPools.forkJoin(pool), now ? Schema.PHASE_SHUTDOWN_NOW : Schema.PHASE_SHUTDOWN, true);
        } catch (Throwable ignored) {
            // the shutdown happens without us
        }
        return Emit.take();
    }

    /** A library's pool (a Netty event loop group) shut down: known from its creation, or not at all. */
    public static jdk.jfr.Event shutdown(Object pool, boolean now) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            Registry.shutdown(Registry.known(pool), now ? Schema.PHASE_SHUTDOWN_NOW : Schema.PHASE_SHUTDOWN, true);
        } catch (Throwable ignored) {
            // the shutdown happens without us
        }
        return Emit.take();
    }

    /** ThreadPoolExecutor.terminated(): the one kind whose termination is hooked. */
    public static jdk.jfr.Event terminated(ThreadPoolExecutor pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            Registry.shutdown(ExecutorPools.executor(pool), Schema.PHASE_TERMINATED, true);
        } catch (Throwable ignored) {
            // termination happens without us
        }
        return Emit.take();
    }

    public static jdk.jfr.Event rejected(ThreadPoolExecutor pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            ExecutorPools.rejected(pool);
        } catch (Throwable ignored) {
            // the handler runs without us
        }
        return Emit.take();
    }

    public static jdk.jfr.Event forkJoinCreated(ForkJoinPool pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            ForkJoinPools.forkJoinCreated(pool, false);
        } catch (Throwable ignored) {
            // the pool works without us
        }
        return Emit.take();
    }

    public static jdk.jfr.Event forkJoinConfigured(ForkJoinPool pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            ForkJoinPools.forkJoinConfigured(pool);
        } catch (Throwable ignored) {
            // the setting applies without us
        }
        return Emit.take();
    }

    /**
     * Every ForkJoinPool submission: recorded when a worker of another pool makes it. An external
     * submission costs ~55 ns, so the check must cost next to nothing for every other caller.
     */
    public static jdk.jfr.Event forkJoinSubmit(ForkJoinPool pool, String api) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            // the ThreadLocal is read only when an event was made: this runs on every submission
            return Nesting.submitted(pool, api) ? Emit.take() : Emit.NONE;
        } catch (Throwable ignored) {
            // the submission happens without us
            return Emit.take();
        }
    }

    /** ThreadPoolExecutor.execute (submit and invokeAll go through it): recorded like ForkJoinPool submissions. */
    public static jdk.jfr.Event executorSubmit(ThreadPoolExecutor pool) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            return Nesting.submitted(pool, "ThreadPoolExecutor.execute") ? Emit.take() : Emit.NONE;
        } catch (Throwable ignored) {
            // the submission happens without us
            return Emit.take();
        }
    }

    /**
     * Netty's MultithreadEventExecutorGroup constructors, at exit: woven only when an application loads
     * Netty, so that its event loop groups are pools sized from the group, not families of threads.
     */
    public static jdk.jfr.Event eventLoopGroupCreated(Object group) {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            EventLoops.groupCreated(group);
        } catch (Throwable ignored) {
            // the group works without us; its threads are then a family
        }
        return Emit.take();
    }

    /** Netty's SingleThreadEventExecutor.doStartThread at entry: the thread it starts is its group's. */
    public static void eventLoopStarting(Object loop) {
        if (!enabled) {
            return;
        }
        try {
            EventLoops.loopStarting(loop);
        } catch (Throwable ignored) {
            // the thread is then attributed to a family
        }
    }

    public static void eventLoopStarted() {
        if (!enabled) {
            return;
        }
        try {
            EventLoops.loopStarted();
        } catch (Throwable ignored) {
            // nothing to undo
        }
    }

    /** ForkJoinTask.fork(): from a thread that is no ForkJoin worker, the task goes to the common pool. */
    public static jdk.jfr.Event fork() {
        if (!enabled) {
            return Emit.NONE;
        }
        try {
            return ForkJoinPools.forked() ? Emit.take() : Emit.NONE;
        } catch (Throwable ignored) {
            // the fork happens without us
            return Emit.take();
        }
    }
}
