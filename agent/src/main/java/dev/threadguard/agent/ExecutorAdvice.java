package dev.threadguard.agent;

import dev.threadguard.bootstrap.Hooks;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/** Advice for java.util.concurrent.ThreadPoolExecutor; subclasses reach it through super calls. */
final class ExecutorAdvice {
    private ExecutorAdvice() {}

    /** The constructor every other one delegates to. */
    static final class Created {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ThreadPoolExecutor pool) {
            Hooks.executorCreated(pool);
        }
    }

    static final class AddWorker {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            Hooks.addingWorker(pool);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Hooks.addedWorker();
        }
    }

    static final class BeforeExecute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            Hooks.taskStarted(pool);
        }
    }

    static final class AfterExecute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            Hooks.taskEnded(pool);
        }
    }

    static final class WorkerExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(1) boolean abrupt) {
            Hooks.workerExited(pool, abrupt);
        }
    }

    /** setCorePoolSize, setMaximumPoolSize, allowCoreThreadTimeOut, setKeepAliveTime. */
    static final class Configured {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ThreadPoolExecutor pool) {
            Hooks.executorConfigured(pool);
        }
    }

    static final class Shutdown {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            Hooks.shutdown(pool, false);
        }
    }

    static final class ShutdownNow {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            Hooks.shutdown(pool, true);
        }
    }

    static final class Terminated {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool) {
            Hooks.terminated(pool);
        }
    }

    static final class Reject {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            Hooks.rejected(pool);
        }
    }
}
