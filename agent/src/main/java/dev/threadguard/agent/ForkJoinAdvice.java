package dev.threadguard.agent;

import dev.threadguard.bootstrap.Hooks;
import java.util.concurrent.ForkJoinPool;
import net.bytebuddy.asm.Advice;

/** Advice for java.util.concurrent.ForkJoinPool and ForkJoinTask. */
final class ForkJoinAdvice {
    private ForkJoinAdvice() {}

    /** Every constructor: the first to finish registers the pool, the others find it known. */
    static final class Created {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinPool pool) {
            Hooks.forkJoinCreated(pool);
        }
    }

    static final class Configured {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinPool pool) {
            Hooks.forkJoinConfigured(pool);
        }
    }

    /** execute, submit, invoke, invokeAll, externalSubmit: who submits into this pool. */
    static final class Submit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Origin("ForkJoinPool.#m") String api) {
            Hooks.forkJoinSubmit(pool, api);
        }
    }

    /** ForkJoinTask.fork() outside a ForkJoin worker goes to the common pool (parallel streams). */
    static final class Fork {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.fork();
        }
    }
}
