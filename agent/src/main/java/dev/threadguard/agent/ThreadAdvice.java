package dev.threadguard.agent;

import dev.threadguard.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Advice for java.lang.Thread and java.lang.VirtualThread. */
final class ThreadAdvice {
    private ThreadAdvice() {}

    /** Thread.start() and Thread.start(ThreadContainer): after the start, or after it failed. */
    static final class Start {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Thread thread, @Advice.Thrown Throwable error) {
            Hooks.threadStarted(thread, error);
        }
    }

    static final class VirtualStart {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Hooks.virtualStarted();
        }
    }

    static final class VirtualEnd {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Hooks.virtualEnded();
        }
    }
}
