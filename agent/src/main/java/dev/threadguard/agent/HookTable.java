package dev.threadguard.agent;

import static dev.threadguard.agent.Hook.Arg.ARG1_BOOLEAN_2;
import static dev.threadguard.agent.Hook.Arg.ARG2;
import static dev.threadguard.agent.Hook.Arg.FALSE;
import static dev.threadguard.agent.Hook.Arg.METHOD_NAME;
import static dev.threadguard.agent.Hook.Arg.THIS;
import static dev.threadguard.agent.Hook.Arg.THROWN;
import static dev.threadguard.agent.Hook.Arg.TRUE;
import static dev.threadguard.agent.Hook.At.ENTER;
import static dev.threadguard.agent.Hook.At.EXIT;
import static dev.threadguard.agent.Hook.At.EXIT_OR_THROW;

import java.util.List;

/**
 * Where the agent hooks into the JDK, and into the two Netty classes that make its event loop groups
 * pools. Subclasses (an app's own executor, ScheduledThreadPoolExecutor, NioEventLoopGroup) reach
 * these through super.
 */
final class HookTable {
    private HookTable() {}

    static final String THREAD = "java/lang/Thread";
    static final String RUNTIME = "java/lang/Runtime";
    static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    static final String EXECUTOR = "java/util/concurrent/ThreadPoolExecutor";
    static final String FORK_JOIN_POOL = "java/util/concurrent/ForkJoinPool";
    static final String FORK_JOIN_TASK = "java/util/concurrent/ForkJoinTask";
    static final String FORK_JOIN_WORKER = "java/util/concurrent/ForkJoinWorkerThread";
    static final String FUTURE_TASK = "java/util/concurrent/FutureTask";
    /** Netty's event loop groups and loops; also found under a shading prefix (gRPC's io/grpc/netty/shaded/...). */
    static final String NETTY_GROUP = "io/netty/util/concurrent/MultithreadEventExecutorGroup";
    static final String NETTY_LOOP = "io/netty/util/concurrent/SingleThreadEventExecutor";

    private static final String T = "Ljava/lang/Thread;";
    private static final String TPE = "Ljava/util/concurrent/ThreadPoolExecutor;";
    private static final String FJP = "Ljava/util/concurrent/ForkJoinPool;";
    private static final String OBJ = "Ljava/lang/Object;";
    /** Return type of hooks that hand back an event for the woven method to commit. */
    private static final String EV = Weaver.EVENT;

    static final List<Hook> ALL = List.of(
        // every platform thread start: JDK 17 has start(), JDK 21+ also start(ThreadContainer); attributed at
        // entry, before the thread can run, and written at exit
        new Hook(THREAD, "start", "()", false, ENTER, "threadStarting", "(" + T + ")V", THIS),
        new Hook(THREAD, "start", "(Ljdk/internal/vm/ThreadContainer;)", false, ENTER, "threadStarting", "(" + T + ")V", THIS),
        new Hook(THREAD, "start", "()", false, EXIT_OR_THROW, "threadStarted", "(" + T + "Ljava/lang/Throwable;)" + EV, THIS, THROWN),
        new Hook(THREAD, "start", "(Ljdk/internal/vm/ThreadContainer;)", false, EXIT_OR_THROW, "threadStarted",
            "(" + T + "Ljava/lang/Throwable;)" + EV, THIS, THROWN),
        // a thread's first code: it learns its OS thread id (ForkJoin workers override run())
        new Hook(THREAD, "run", "()", false, ENTER, "threadRunning", "()V"),
        new Hook(FORK_JOIN_WORKER, "run", "()", false, ENTER, "threadRunning", "()V"),
        new Hook(VIRTUAL_THREAD, "start", "(Ljdk/internal/vm/ThreadContainer;)", false, EXIT, "virtualStarted", "()V"),
        new Hook(VIRTUAL_THREAD, "afterDone", "(Z)", false, ENTER, "virtualEnded", "()V"),
        new Hook(VIRTUAL_THREAD, "afterTerminate", "(ZZ)", false, ENTER, "virtualEnded", "()V"),

        // ThreadPoolExecutor: every constructor delegates to the 7-argument one
        new Hook(EXECUTOR, "<init>", "(IIJLjava/util/concurrent/TimeUnit;Ljava/util/concurrent/BlockingQueue;"
            + "Ljava/util/concurrent/ThreadFactory;Ljava/util/concurrent/RejectedExecutionHandler;)", false, EXIT,
            "executorCreated", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "execute", "(Ljava/lang/Runnable;)", false, ENTER, "executorSubmit", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "addWorker", "(", false, ENTER, "addingWorker", "(" + TPE + ")V", THIS),
        new Hook(EXECUTOR, "addWorker", "(", false, EXIT_OR_THROW, "addedWorker", "()V"),
        new Hook(EXECUTOR, "beforeExecute", "(", false, ENTER, "taskStarted", "(" + TPE + "Ljava/lang/Runnable;)V", THIS, ARG2),
        new Hook(EXECUTOR, "afterExecute", "(", false, ENTER, "taskEnded", "(" + TPE + ")V", THIS),
        new Hook(EXECUTOR, "processWorkerExit", "(", false, EXIT, "workerExited", "(" + TPE + "Z)V", THIS, ARG1_BOOLEAN_2),
        new Hook(EXECUTOR, "setCorePoolSize", "(", false, EXIT, "executorConfigured", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "setMaximumPoolSize", "(", false, EXIT, "executorConfigured", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "allowCoreThreadTimeOut", "(", false, EXIT, "executorConfigured", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "setKeepAliveTime", "(", false, EXIT, "executorConfigured", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "shutdown", "()", false, EXIT, "executorShutdown", "(" + TPE + "Z)" + EV, THIS, FALSE),
        new Hook(EXECUTOR, "shutdownNow", "()", false, EXIT, "executorShutdown", "(" + TPE + "Z)" + EV, THIS, TRUE),
        new Hook(EXECUTOR, "terminated", "()", false, ENTER, "terminated", "(" + TPE + ")" + EV, THIS),
        new Hook(EXECUTOR, "reject", "(", false, ENTER, "rejected", "(" + TPE + ")" + EV, THIS),

        // ForkJoinPool: constructors delegate, the first to finish registers
        new Hook(FORK_JOIN_POOL, "<init>", "(", false, EXIT, "forkJoinCreated", "(" + FJP + ")" + EV, THIS),
        new Hook(FORK_JOIN_POOL, "setParallelism", "(", false, EXIT, "forkJoinConfigured", "(" + FJP + ")" + EV, THIS),
        new Hook(FORK_JOIN_POOL, "execute", "(", true, ENTER, "forkJoinSubmit", "(" + FJP + "Ljava/lang/String;)" + EV, THIS, METHOD_NAME),
        new Hook(FORK_JOIN_POOL, "submit", "(", true, ENTER, "forkJoinSubmit", "(" + FJP + "Ljava/lang/String;)" + EV, THIS, METHOD_NAME),
        new Hook(FORK_JOIN_POOL, "invoke", "(", true, ENTER, "forkJoinSubmit", "(" + FJP + "Ljava/lang/String;)" + EV, THIS, METHOD_NAME),
        new Hook(FORK_JOIN_POOL, "invokeAll", "(", true, ENTER, "forkJoinSubmit", "(" + FJP + "Ljava/lang/String;)" + EV, THIS, METHOD_NAME),
        new Hook(FORK_JOIN_POOL, "externalSubmit", "(", true, ENTER, "forkJoinSubmit", "(" + FJP + "Ljava/lang/String;)" + EV, THIS, METHOD_NAME),
        new Hook(FORK_JOIN_POOL, "shutdown", "()", false, EXIT, "forkJoinShutdown", "(" + FJP + "Z)" + EV, THIS, FALSE),
        new Hook(FORK_JOIN_POOL, "shutdownNow", "()", false, EXIT, "forkJoinShutdown", "(" + FJP + "Z)" + EV, THIS, TRUE),

        // a task's result is set, before its waiters wake: the worker running it is no longer busy with it
        new Hook(FUTURE_TASK, "set", "(Ljava/lang/Object;)", false, ENTER, "taskCompleting", "(" + OBJ + ")V", THIS),
        new Hook(FUTURE_TASK, "setException", "(Ljava/lang/Throwable;)", false, ENTER, "taskCompleting", "(" + OBJ + ")V", THIS),

        // System.exit early in a run: the recording that is starting gets its moment (JFR cannot start once shutdown began)
        new Hook(RUNTIME, "exit", "(I)", false, ENTER, "exiting", "()V"),

        // fork() outside a ForkJoin worker goes to the common pool: parallel streams
        new Hook(FORK_JOIN_TASK, "fork", "()", false, ENTER, "fork", "()" + EV),

        // Netty, woven as the application loads it (Weaver.transform says when that is safe): a group's
        // constructors delegate, the first to finish registers; a loop's doStartThread starts its one thread
        new Hook(NETTY_GROUP, "<init>", "(", false, EXIT, "eventLoopGroupCreated", "(" + OBJ + ")" + EV, THIS),
        new Hook(NETTY_GROUP, "shutdownGracefully", "(JJLjava/util/concurrent/TimeUnit;)", false, EXIT, "shutdown",
            "(" + OBJ + "Z)" + EV, THIS, FALSE),
        new Hook(NETTY_GROUP, "shutdown", "()", false, EXIT, "shutdown", "(" + OBJ + "Z)" + EV, THIS, FALSE),
        new Hook(NETTY_LOOP, "doStartThread", "()", false, ENTER, "eventLoopStarting", "(" + OBJ + ")V", THIS),
        new Hook(NETTY_LOOP, "doStartThread", "()", false, EXIT_OR_THROW, "eventLoopStarted", "()V"));

    /** The JDK classes woven: in premain those already loaded, the others as they load (Installer.weave). */
    static final List<String> CLASSES = List.of(THREAD, VIRTUAL_THREAD, EXECUTOR, FORK_JOIN_POOL, FORK_JOIN_TASK, RUNTIME,
        FORK_JOIN_WORKER, FUTURE_TASK);

    /** Library classes woven when an application's class loader defines them. */
    static final List<String> LIBRARY_CLASSES = List.of(NETTY_GROUP, NETTY_LOOP);

    private static final String[] LIBRARY = LIBRARY_CLASSES.toArray(new String[0]);

    /**
     * The hook table's name for a library class, also under a shading prefix ("a/b/io/netty/..."), or
     * null. The JVM asks for every class an application loads: a name shorter than the library's is
     * out on its length, before its characters are read.
     */
    static String libraryClass(String name) {
        int n = name.length();
        for (String c : LIBRARY) {
            if (name.endsWith(c) && (n == c.length() || name.charAt(n - c.length() - 1) == '/')) {
                return c;
            }
        }
        return null;
    }
}
