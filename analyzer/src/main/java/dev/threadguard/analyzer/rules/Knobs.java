package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import java.util.List;

/**
 * Where a fix goes: for a pool or thread family a library created (the creation stack's first frames
 * are the library's), the library's own knob and the application's call site that created the library
 * object, never an edit to library code. One entry per library; the knob text names what sizes the
 * threads. (A fuller lookup, verified per library version, can replace {@link #LIBRARIES}.)
 */
final class Knobs {
    private Knobs() {}

    /** A library: its package prefix, an optional thread or pool name part, its name and its knob. */
    record Library(String pkg, String nameContains, String name, String knob) {}

    static final List<Library> LIBRARIES = List.of(
            new Library("com.hazelcast.", "partition-operation", "Hazelcast",
                    "the property hazelcast.operation.thread.count (-D or Config.setProperty; default: the processor count)"),
            new Library("com.hazelcast.", "generic-operation", "Hazelcast",
                    "the property hazelcast.operation.generic.thread.count (-D or Config.setProperty)"),
            new Library("com.hazelcast.", "", "Hazelcast",
                    "its ExecutorConfig / ClusterProperty for this pool (Config.setProperty, -Dhazelcast.*)"),
            new Library("reactor.core.scheduler.", "", "Reactor",
                    "-Dreactor.schedulers.defaultPoolSize=N (Schedulers.parallel()), or Schedulers.newParallel(name, N)"),
            new Library("io.netty.", "", "Netty",
                    "-Dio.netty.eventLoopThreads=N, or the thread count given to the EventLoopGroup (new NioEventLoopGroup(N))"),
            new Library("org.eclipse.jetty.", "", "Jetty",
                    "the QueuedThreadPool(maxThreads, minThreads) given to new Server(threadPool)"),
            new Library("io.undertow.", "", "Undertow",
                    "Undertow.builder().setIoThreads(N).setWorkerThreads(N)"),
            new Library("org.h2.", "", "H2",
                    "the clients' connection count (H2 runs one thread per connection): a bounded connection pool"),
            new Library("jdk.internal.net.http.", "", "the JDK HttpClient",
                    "HttpClient.newBuilder().executor(yourPool), one client shared by all calls"));

    /** The library that created the pool, null when the application did. */
    static Library library(PoolStats p) {
        String top = p.creationFrames.isEmpty() ? p.creationSite : p.creationFrames.get(0);
        for (Library l : LIBRARIES) {
            if (top.startsWith(l.pkg()) && (l.nameContains().isEmpty() || p.label().contains(l.nameContains()))) {
                return l;
            }
        }
        return null;
    }

    /** The application's own frame that called into the library: the first frame outside its package. */
    static String appCallSite(PoolStats p, Library l) {
        for (String f : p.creationFrames) {
            if (!f.startsWith(l.pkg())) {
                return f;
            }
        }
        return "";
    }

    /** The fix for a library's pool in the library's terms; {@code appFix} for the application's own pools. */
    static String fix(Model model, PoolStats p, String appFix) {
        Library l = library(p);
        if (l == null) {
            return appFix;
        }
        String call = appCallSite(p, l);
        return "'" + p.label() + "' is created inside " + l.name() + (call.isEmpty() ? "" : ", by your call at " + call)
                + ": do not edit " + l.name() + "; size it with " + l.knob();
    }
}
