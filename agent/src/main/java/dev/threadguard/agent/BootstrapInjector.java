package dev.threadguard.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Defines the hook and event classes in the bootstrap class loader: advice inlined into
 * java.lang.Thread can only call classes that loader sees. They are defined one by one rather than
 * by appending a jar to the bootstrap class path, because that append makes HotSpot print a CDS
 * warning on the app's console and turns class data sharing off for the app's own classes.
 */
final class BootstrapInjector {
    private BootstrapInjector() {}

    static final String[] PACKAGES = {"dev/threadguard/bootstrap/", "dev/threadguard/events/"};

    static void inject(Instrumentation inst) throws Exception {
        Map<String, byte[]> classes = readClasses();
        Module base = Object.class.getModule();
        // java.base reads jdk.jfr: the woven JDK methods commit the events the hooks hand back
        inst.redefineModule(base, Set.of(jdk.jfr.Event.class.getModule()),
            Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
            Map.of(), Set.of(), Map.of());
        // a class can only be defined after its superclass: retry until every class is in
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> next = new ArrayList<>();
            Throwable last = null;
            for (String name : pending) {
                try {
                    BootDefiner.define(name, classes.get(name));
                } catch (NoClassDefFoundError e) {
                    next.add(name);
                    last = e;
                } catch (LinkageError e) {
                    // defined by an earlier agent in this JVM (a second attach): the classes are there
                    if (!String.valueOf(e.getMessage()).contains("duplicate")) {
                        throw e;
                    }
                }
            }
            if (next.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + next, last);
            }
            pending = next;
        }
    }

    /** A ZipFile, not a JarFile: the agent jar is not signed, and a JarFile checks each entry it opens for that. */
    private static Map<String, byte[]> readClasses() throws IOException, java.net.URISyntaxException {
        File agentJar = new File(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipFile jar = new ZipFile(agentJar)) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || !inBootstrapPackage(name)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    byte[] bytes = entry.getSize() >= 0 ? in.readNBytes((int) entry.getSize()) : in.readAllBytes();
                    classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), bytes);
                }
            }
        }
        return classes;
    }

    private static boolean inBootstrapPackage(String name) {
        for (String p : PACKAGES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
