package dev.threadguard.agent;

import java.io.File;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent's transformer costs for each class an application loads that it does not weave:
 * the JVM calls it for every class once the agent is in. Run it with one agent jar, then the other,
 * on the class path (in this package, so it calls the agent's own Weaver):
 * <pre>java -cp benchmarks/target/benchmarks.jar:agent/target/threadguard.jar org.openjdk.jmh.Main ClassLoadCheck</pre>
 * The names are the ~10,000 classes of benchmarks.jar (Jetty, H2, Netty, JMH), none of them woven.
 * {@code weaveNetty}: what weaving Netty's two classes costs, once per class loader that loads Netty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ClassLoadCheck {
    private static final byte[] NO_BYTES = new byte[0];

    private String[] names;
    private byte[] group;
    private byte[] loop;
    private int next;
    private final Weaver weaver = new Weaver();
    private final ClassLoader loader = ClassLoadCheck.class.getClassLoader();

    @Setup
    public void names() throws Exception {
        List<String> found = new ArrayList<>();
        File jar = new File(ClassLoadCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile f = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements();) {
                String n = e.nextElement().getName();
                if (n.equals(HookTable.NETTY_GROUP + ".class")) {
                    group = f.getInputStream(f.getEntry(n)).readAllBytes();
                } else if (n.equals(HookTable.NETTY_LOOP + ".class")) {
                    loop = f.getInputStream(f.getEntry(n)).readAllBytes();
                }
                if (n.endsWith(".class") && !n.endsWith("SingleThreadEventExecutor.class")
                    && !n.endsWith("MultithreadEventExecutorGroup.class")) {
                    found.add(n.substring(0, n.length() - ".class".length()));
                }
            }
        }
        names = found.toArray(new String[0]);
    }

    /** One application class through the transformer, as the JVM hands it over at class load. */
    @Benchmark
    public byte[] applicationClass() {
        String name = names[next];
        next = next + 1 == names.length ? 0 : next + 1;
        return weaver.transform(null, loader, name, null, null, NO_BYTES);
    }

    /** Both Netty classes woven, as when an application's class loader defines them. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int weaveNetty() {
        java.util.Set<String> applied = new java.util.HashSet<>();
        return Weaver.weave(HookTable.NETTY_GROUP, group, applied).length + Weaver.weave(HookTable.NETTY_LOOP, loop, applied).length;
    }
}
