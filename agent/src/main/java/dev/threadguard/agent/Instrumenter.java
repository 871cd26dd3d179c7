package dev.threadguard.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the advice into the JDK's own pool and thread classes. Only these classes are touched:
 * subclasses reach the advice through their super calls, so no app class is ever transformed.
 */
final class Instrumenter {
    private Instrumenter() {}

    static final String THREAD = "java.lang.Thread";
    static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    static final String EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
    static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

    /** Installs and returns the problems met (empty when all went well); virtualThreads tells if VirtualThread was found. */
    static List<String> install(Instrumentation inst, boolean[] virtualThreads) {
        List<String> errors = new ArrayList<>();
        // load every target first: retransforming a class while it loads can end in ClassCircularityError
        for (String name : new String[] {EXECUTOR, FORK_JOIN_POOL, FORK_JOIN_TASK, "java.util.concurrent.ForkJoinWorkerThread",
            "java.util.concurrent.ScheduledThreadPoolExecutor"}) {
            try {
                Class.forName(name);
            } catch (ClassNotFoundException e) {
                errors.add("missing " + name);
            }
        }
        try {
            Class.forName(VIRTUAL_THREAD);
            virtualThreads[0] = true;
        } catch (ClassNotFoundException e) {
            virtualThreads[0] = false;
        }
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
            .with(new Errors(errors))
            .ignore(not(namedOneOf(THREAD, VIRTUAL_THREAD, EXECUTOR, FORK_JOIN_POOL, FORK_JOIN_TASK)))
            .type(named(THREAD))
            .transform((b, type, loader, module, domain) -> b
                .visit(Advice.to(ThreadAdvice.Start.class).on(named("start").and(not(isStatic())))))
            .type(named(VIRTUAL_THREAD))
            .transform((b, type, loader, module, domain) -> b
                .visit(Advice.to(ThreadAdvice.VirtualStart.class).on(named("start").and(takesArguments(1))))
                .visit(Advice.to(ThreadAdvice.VirtualEnd.class).on(
                    named("afterDone").and(takesArguments(1)).or(named("afterTerminate").and(takesArguments(2))))))
            .type(named(EXECUTOR))
            .transform((b, type, loader, module, domain) -> b
                .visit(Advice.to(ExecutorAdvice.Created.class).on(isConstructor().and(takesArguments(7))))
                .visit(Advice.to(ExecutorAdvice.AddWorker.class).on(named("addWorker")))
                .visit(Advice.to(ExecutorAdvice.BeforeExecute.class).on(named("beforeExecute")))
                .visit(Advice.to(ExecutorAdvice.AfterExecute.class).on(named("afterExecute")))
                .visit(Advice.to(ExecutorAdvice.WorkerExit.class).on(named("processWorkerExit")))
                .visit(Advice.to(ExecutorAdvice.Configured.class).on(
                    namedOneOf("setCorePoolSize", "setMaximumPoolSize", "allowCoreThreadTimeOut", "setKeepAliveTime")))
                .visit(Advice.to(ExecutorAdvice.Shutdown.class).on(named("shutdown").and(takesArguments(0))))
                .visit(Advice.to(ExecutorAdvice.ShutdownNow.class).on(named("shutdownNow").and(takesArguments(0))))
                .visit(Advice.to(ExecutorAdvice.Terminated.class).on(named("terminated").and(takesArguments(0))))
                .visit(Advice.to(ExecutorAdvice.Reject.class).on(named("reject"))))
            .type(named(FORK_JOIN_POOL))
            .transform((b, type, loader, module, domain) -> b
                .visit(Advice.to(ForkJoinAdvice.Created.class).on(isConstructor()))
                .visit(Advice.to(ForkJoinAdvice.Configured.class).on(named("setParallelism")))
                .visit(Advice.to(ForkJoinAdvice.Submit.class).on(isPublic().and(not(isStatic()))
                    .and(namedOneOf("execute", "submit", "invoke", "invokeAll", "externalSubmit"))))
                .visit(Advice.to(ExecutorAdvice.Shutdown.class).on(named("shutdown").and(takesArguments(0))))
                .visit(Advice.to(ExecutorAdvice.ShutdownNow.class).on(named("shutdownNow").and(takesArguments(0)))))
            .type(named(FORK_JOIN_TASK))
            .transform((b, type, loader, module, domain) -> b
                .visit(Advice.to(ForkJoinAdvice.Fork.class).on(named("fork").and(takesArguments(0)))))
            .installOn(inst);
        return errors;
    }

    /** Collects transformation errors instead of printing them: the app's stderr is not ours. */
    private static final class Errors extends AgentBuilder.Listener.Adapter {
        private final List<String> errors;

        Errors(List<String> errors) {
            this.errors = errors;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable throwable) {
            synchronized (errors) {
                errors.add(typeName + ": " + throwable);
            }
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            // transformed as planned
        }
    }
}
