package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * On JDK 25 an event class initialised on one thread while the recorder registers it on another
 * deadlocks on JFR's metadata lock (a pool that ended before the recording started hung the JVM).
 * So event objects are built only where the recorder has registered every event class first: in
 * Emit behind its ready flag, on JFR's periodic thread (Sampler and what it calls), and in Live,
 * which waits for the recorder. Any other class that builds one fails here, read from its bytecode.
 */
class EventAllocationTest {

    /** The classes allowed to build event objects, and why each is safe. */
    private static final Set<String> REGISTERED_FIRST = Set.of(
        "Emit", // every method returns before `new` unless ready, which the recorder sets after registering
        "Sampler", // JFR's periodic thread, after addPeriodicEvent
        "NativeGroups", // called from Sampler.sampleProcess
        "HostFacts", // Sampler.host, and Live after its wait
        "Live"); // process() waits for the recorder before it reads

    @Test
    void onlyRegisteredFirstClassesBuildEvents() throws IOException {
        Set<String> eventClasses = eventClasses();
        assertFalse(eventClasses.isEmpty(), "no event class found: the scan reads the wrong place");
        List<String> found = new ArrayList<>();
        Set<String> builders = new TreeSet<>();
        try (Stream<Path> files = Files.list(classes("dev/threadguard/bootstrap"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String owner = f.getFileName().toString().replace(".class", "");
                for (String built : built(f, eventClasses)) {
                    builders.add(owner.replaceAll("\\$.*", ""));
                    if (!REGISTERED_FIRST.contains(owner.replaceAll("\\$.*", ""))) {
                        found.add(owner + " builds " + built);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "event objects built where the recorder may still be registering");
        // the scan sees the places that do build events, or it would pass on anything
        assertEquals(Set.of("Emit", "Sampler", "NativeGroups", "HostFacts", "Live"), builders);
    }

    private static Set<String> eventClasses() throws IOException {
        Set<String> names = new TreeSet<>();
        Path dir = Path.of(dev.threadguard.events.PoolSample.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.toString().endsWith(".class")) {
                        addIfEvent(Files.readAllBytes(f), names);
                    }
                }
            }
        } else {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(dir.toFile())) {
                for (java.util.jar.JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            addIfEvent(in.readAllBytes(), names);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void addIfEvent(byte[] bytes, Set<String> names) {
        ClassReader r = new ClassReader(bytes);
        String name = r.getClassName();
        try {
            if (jdk.jfr.Event.class.isAssignableFrom(Class.forName(name.replace('/', '.'), false,
                EventAllocationTest.class.getClassLoader()))) {
                names.add(name);
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Path classes(String pkg) {
        return Path.of(Hooks.class.getProtectionDomain().getCodeSource().getLocation().getPath()).resolve(pkg);
    }

    private static List<String> built(Path classFile, Set<String> eventClasses) throws IOException {
        List<String> built = new ArrayList<>();
        new ClassReader(Files.readAllBytes(classFile)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (opcode == Opcodes.NEW && eventClasses.contains(type)) {
                            built.add(type + " in " + method);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return built;
    }
}
