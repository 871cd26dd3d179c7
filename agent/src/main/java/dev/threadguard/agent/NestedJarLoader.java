package dev.threadguard.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Loads the classes of a jar carried inside the agent jar (the Prometheus endpoint with its relocated
 * Micrometer). Its parent is the platform loader: the nested classes see the JDK and, through the
 * boot loader, the agent's events and hooks, but never the application's classes, and the
 * application never sees them. The agent jar itself stays small, which keeps premain fast.
 */
final class NestedJarLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    /** Other entries (the rules' library knob table), by path. */
    private final Map<String, byte[]> resources;

    private NestedJarLoader(Map<String, byte[]> classes, Map<String, byte[]> resources) {
        super("threadguard-nested", ClassLoader.getPlatformClassLoader());
        this.classes = classes;
        this.resources = resources;
    }

    /** Reads the nested jar at {@code resource} (a path inside the agent jar). */
    static NestedJarLoader of(String resource) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, byte[]> resources = new HashMap<>();
        try (InputStream raw = NestedJarLoader.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException(resource + " is not in the agent jar");
            }
            try (ZipInputStream zip = new ZipInputStream(raw)) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                    if (e.isDirectory() || e.getName().startsWith("META-INF/")) {
                        continue;
                    }
                    buf.reset();
                    zip.transferTo(buf);
                    if (e.getName().endsWith(".class")) {
                        String name = e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.');
                        classes.put(name, buf.toByteArray());
                    } else {
                        resources.put(e.getName(), buf.toByteArray());
                    }
                }
            }
        }
        return new NestedJarLoader(classes, resources);
    }

    /** Class.getResourceAsStream of a nested class comes here (no URL needed). */
    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = resources.get(name);
        return bytes != null ? new java.io.ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    /**
     * Defines and initialises every class now, on the calling thread: done later, on first use, it
     * would fall in the moment that needs it fastest (the first evaluation after an onset, when the
     * process's CPUs are taken).
     */
    void loadAll() {
        for (String name : new java.util.ArrayList<>(classes.keySet())) {
            try {
                Class.forName(name, true, this);
            } catch (Throwable ignored) {
                // a class that cannot initialise here is found missing on first use, as without this
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
