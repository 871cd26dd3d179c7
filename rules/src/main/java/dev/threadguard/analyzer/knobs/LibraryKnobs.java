package dev.threadguard.analyzer.knobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Which library made a pool or thread, the knob that sizes it, and the application's own call into
 * the library: the fix a user can apply instead of editing library code. The data, one entry per
 * library with the version and source it was checked against, is {@code library-knobs.properties}.
 *
 * <p>Given a creation stack, innermost frame first (PoolCreated.creationFrames, or the event's stack
 * trace), the first frame outside the JDK and the agent decides the library; the first frame after
 * it that is neither that library's nor the JDK's is the application's call site.
 */
public final class LibraryKnobs {

    /** One way to set a library's threads. */
    public static final class Knob {
        public final String kind;
        public final String setting;
        public final String note;

        Knob(String kind, String setting, String note) {
            this.kind = kind;
            this.setting = setting;
            this.note = note;
        }

        @Override
        public String toString() {
            return setting + " (" + kind + "; " + note + ")";
        }
    }

    /** One library of the table. */
    public static final class Library {
        public final String id;
        public final String name;
        public final String version;
        public final String source;
        final List<String> packages;
        final List<String> threads;
        final List<String> natives;
        final Knob knob;
        final List<String> when = new ArrayList<>();
        final List<Knob> specific = new ArrayList<>();

        Library(String id, Properties p) {
            this.id = id;
            this.name = required(p, id, "name");
            this.version = required(p, id, "version");
            this.source = required(p, id, "source");
            this.packages = list(p.getProperty(id + ".packages", ""));
            this.threads = list(p.getProperty(id + ".threads", ""));
            this.natives = list(p.getProperty(id + ".natives", ""));
            this.knob = new Knob(required(p, id, "kind"), required(p, id, "knob"), required(p, id, "note"));
            for (int i = 1; p.getProperty(id + ".when." + i) != null; i++) {
                when.add(p.getProperty(id + ".when." + i));
                specific.add(new Knob(required(p, id, "kind." + i), required(p, id, "knob." + i), required(p, id, "note." + i)));
            }
        }

        private Library(String name, Knob knob) {
            this.id = UNLISTED;
            this.name = name;
            this.version = "";
            this.source = "";
            this.packages = List.of();
            this.threads = List.of();
            this.natives = List.of();
            this.knob = knob;
        }

        /** The id of every library the table does not list: the application's call, not the library, is the cause. */
        public static final String UNLISTED = "unlisted";

        /**
         * A library the table does not list (see {@link AppCode}): its own configuration at the application's
         * call, or where the application sets it up when no call of the application's is on the stack.
         */
        static Library unlisted(String name, boolean calledByApplication) {
            return new Library(name, new Knob("library configuration", name + "'s own configuration (a builder option"
                    + " or property) " + (calledByApplication ? "at that call" : "where your application sets it up: no call"
                    + " of yours is on the creation stack, a thread of the library made it"),
                    "threadguard's knob table has no knob for " + name));
        }

        /** False for a library the table does not list: its knob is its own configuration, in general words. */
        public boolean listed() {
            return !source.isEmpty();
        }

        /** The library's knob; the more specific one for threads whose name contains its fragment. */
        public Knob knobFor(String threadName) {
            if (threadName != null) {
                for (int i = 0; i < when.size(); i++) {
                    if (threadName.contains(when.get(i))) {
                        return specific.get(i);
                    }
                }
            }
            return knob;
        }

        boolean owns(String className) {
            for (String p : packages) {
                if (className.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        boolean namesThread(String threadName) {
            for (String t : threads) {
                if (Names.matches(t, threadName)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What a lookup found. */
    public static final class Match {
        public final Library library;
        public final Knob knob;
        /** The innermost frame of the library: where it made the pool. */
        public final String libraryFrame;
        /** The application's own call into the library, or empty when the stack does not reach it. */
        public final Optional<String> callSite;

        Match(Library library, Knob knob, String libraryFrame, Optional<String> callSite) {
            this.library = library;
            this.knob = knob;
            this.libraryFrame = libraryFrame;
            this.callSite = callSite;
        }

        @Override
        public String toString() {
            return library.name + ": " + knob + callSite.map(s -> ", called from " + s).orElse("");
        }
    }

    private static final LibraryKnobs DEFAULT = load();

    private final List<Library> libraries;

    LibraryKnobs(List<Library> libraries) {
        this.libraries = Collections.unmodifiableList(libraries);
    }

    /** The table shipped with the analyzer. */
    public static LibraryKnobs standard() {
        return DEFAULT;
    }

    public List<Library> libraries() {
        return libraries;
    }

    public Optional<Library> byId(String id) {
        return libraries.stream().filter(l -> l.id.equals(id)).findFirst();
    }

    /**
     * The library that made a pool or thread, from its creation stack (innermost first, frames as
     * {@code Class.method(File.java:line)}), with the knob for the given thread name (may be null).
     * Empty when the first frame outside the JDK is no known library's (the application's own pool).
     */
    public Optional<Match> lookup(List<String> frames, String threadName) {
        int first = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (!Names.isJdkOrAgent(Names.className(frames.get(i)))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        Library lib = owner(Names.className(frames.get(first)));
        if (lib == null) {
            return Optional.empty();
        }
        Optional<String> callSite = Optional.empty();
        for (int i = first + 1; i < frames.size(); i++) {
            String cls = Names.className(frames.get(i));
            if (!lib.owns(cls) && !Names.isJdkOrAgent(cls)) {
                callSite = Optional.of(frames.get(i));
                break;
            }
        }
        return Optional.of(new Match(lib, lib.knobFor(threadName), frames.get(first), callSite));
    }

    /** The innermost frame outside the JDK and the agent: the code that asked for the pool or thread. */
    public static Optional<String> firstOutsideJdk(List<String> frames) {
        for (String f : frames) {
            if (!Names.isJdkOrAgent(Names.className(f))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** {@link #lookup(List, String)} over PoolCreated.creationFrames (one frame per line). */
    public Optional<Match> lookup(String creationFrames, String threadName) {
        if (creationFrames == null || creationFrames.isBlank()) {
            return Optional.empty();
        }
        return lookup(Arrays.asList(creationFrames.split("\n")), threadName);
    }

    /** The library whose threads carry this name (a family or native threads seen without a stack). */
    public Optional<Match> byThreadName(String threadName) {
        for (Library l : libraries) {
            if (l.namesThread(threadName)) {
                return Optional.of(new Match(l, l.knobFor(threadName), "", Optional.empty()));
            }
        }
        return Optional.empty();
    }

    /** The library a loaded native library file belongs to (jdk.NativeLibrary's name), e.g. libgomp.so.1. */
    public Optional<Library> byNativeLibrary(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String base = file.startsWith("lib") ? file.substring(3) : file;
        int dot = base.indexOf('.');
        String stem = dot < 0 ? base : base.substring(0, dot);
        for (Library l : libraries) {
            for (String n : l.natives) {
                if (stem.equals(n) || stem.startsWith(n + "-") || stem.startsWith(n + "_")) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.empty();
    }

    private Library owner(String className) {
        Library best = null;
        int bestLength = -1;
        for (Library l : libraries) {
            for (String p : l.packages) {
                if (className.startsWith(p) && p.length() > bestLength) {
                    best = l;
                    bestLength = p.length();
                }
            }
        }
        return best;
    }

    static LibraryKnobs load() {
        Properties p = new Properties();
        try (InputStream in = LibraryKnobs.class.getResourceAsStream("library-knobs.properties")) {
            if (in == null) {
                throw new IllegalStateException("library-knobs.properties is missing from the analyzer");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> ids = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith(".name") && key.indexOf('.') == key.length() - 5) {
                ids.add(key.substring(0, key.length() - 5));
            }
        }
        Collections.sort(ids);
        List<Library> libs = new ArrayList<>();
        for (String id : ids) {
            libs.add(new Library(id, p));
        }
        return new LibraryKnobs(libs);
    }

    private static String required(Properties p, String id, String field) {
        String v = p.getProperty(id + "." + field);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("library-knobs.properties: " + id + "." + field + " is missing");
        }
        return v.trim();
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
