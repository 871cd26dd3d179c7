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

    private NestedJarLoader(Map<String, byte[]> classes) {
        super("threadguard-nested", ClassLoader.getPlatformClassLoader());
        this.classes = classes;
    }

    /** Reads the nested jar at {@code resource} (a path inside the agent jar). */
    static NestedJarLoader of(String resource) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (InputStream raw = NestedJarLoader.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException(resource + " is not in the agent jar");
            }
            try (ZipInputStream zip = new ZipInputStream(raw)) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                    if (e.getName().endsWith(".class")) {
                        buf.reset();
                        zip.transferTo(buf);
                        String name = e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.');
                        classes.put(name, buf.toByteArray());
                    }
                }
            }
        }
        return new NestedJarLoader(classes);
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
