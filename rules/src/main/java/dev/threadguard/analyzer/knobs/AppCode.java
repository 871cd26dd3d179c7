package dev.threadguard.analyzer.knobs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Which frames are the application's and which a library's, for libraries the knob table does not list.
 *
 * <p>Facts: the main class or jar ({@code jdk.JVMInformation.javaArguments}) and, from the agent, where each
 * package's classes were loaded from ({@code threadguard.CodeSource}). A class is the application's when it
 * comes from a directory ({@code target/classes}), from Spring Boot's {@code BOOT-INF/classes}, from the main
 * jar, or shares the main class's package group (first two segments, three under hosts like {@code org.apache});
 * it is a library's when it comes from another jar and is outside every group of the application. Without a
 * code source (plain JFR, an older agent) the package group alone decides, and with no main class known
 * nothing is called a library: a wrong "edit your library's configuration" is worse than the app's own fix.
 */
public final class AppCode {
    /** Kinds of frame. */
    public enum Origin { APPLICATION, LIBRARY, UNKNOWN }

    static final int MAX_PACKAGES = 20_000;
    private static final Set<String> HOSTS = Set.of("org.apache", "com.github", "io.github", "com.gitlab",
            "io.gitlab", "com.google", "org.eclipse", "com.microsoft", "com.amazon", "org.jetbrains");

    private static final List<String> LAUNCHERS = List.of("org.apache.maven.", "org.codehaus.plexus.classworlds.",
            "org.gradle.", "worker.org.gradle.", "org.junit.", "junit.", "org.testng.", "org.springframework.boot.loader.",
            "com.intellij.", "org.jetbrains.", "org.eclipse.jdt.", "org.eclipse.equinox.", "org.eclipse.jetty.start.",
            "org.apache.catalina.", "org.jboss.modules.", "io.quarkus.", "org.apache.felix.", "org.apache.karaf.",
            "sbt.", "xsbt.", "scala.", "clojure.", "kotlin.", "groovy.", "org.codehaus.groovy.", "org.python.",
            "jdk.", "sun.", "com.sun.", "java.");

    private String mainClass = "";
    private String mainJar = "";
    private final Map<String, String> locations = new HashMap<>();
    private final Set<String> appGroups = new HashSet<>();
    private int version;
    // memoized per fact version: the rules ask for every pool several times
    private final Map<String, Origin> origins = new HashMap<>();
    private final Map<Key, Optional<LibraryKnobs.Match>> placed = new HashMap<>();
    private LongFunction<List<String>> framesOf;
    private LongUnaryOperator creatorOf;
    private int cachedVersion = -1;

    /** The command after the JVM options ({@code javaArguments}): a main class, or a jar started with -jar. */
    public void command(String javaArguments) {
        String first = javaArguments == null ? "" : javaArguments.strip().split("\\s+", 2)[0];
        if (first.isEmpty() || first.equals(mainClass) || first.equals(mainJar)) {
            return;
        }
        if (first.endsWith(".jar") || first.endsWith(".war")) {
            mainJar = first;
        } else {
            mainClass = first.substring(first.indexOf('/') + 1); // module/class
        }
        version++;
    }

    /**
     * A main class that starts someone else's code (a build tool's test JVM, an IDE, a loader, a container): its
     * package group says nothing about the application's.
     */
    static boolean launcher(String mainClass) {
        for (String p : LAUNCHERS) {
            if (mainClass.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Where one package's classes came from: a CodeSource location URL. */
    public void location(String pkg, String location) {
        if (pkg == null || location == null || location.isEmpty()
                || locations.size() >= MAX_PACKAGES && !locations.containsKey(pkg)) {
            return;
        }
        if (!location.equals(locations.put(pkg, location))) {
            version++;
        }
    }

    /** What a class (not of the JDK or the agent) is. */
    public Origin origin(String className) {
        fresh();
        return origins.computeIfAbsent(packageOf(className), this::originOf);
    }

    private void fresh() {
        if (cachedVersion != version || placed.size() > 4096 || origins.size() > MAX_PACKAGES) {
            origins.clear();
            placed.clear();
            cachedVersion = version;
            // the application's groups: the main class's, and those of packages from the application's locations
            // (facts arrive in any order: the main jar may be known after its packages' locations)
            appGroups.clear();
            if (!mainClass.isEmpty() && !launcher(mainClass)) {
                appGroups.add(group(packageOf(mainClass)));
            }
            for (Map.Entry<String, String> e : locations.entrySet()) {
                if (applicationLocation(e.getValue())) {
                    appGroups.add(group(e.getKey()));
                }
            }
            appGroups.remove("");
        }
    }

    private Origin originOf(String pkg) {
        if (appGroups.isEmpty() || pkg.isEmpty()) {
            return Origin.UNKNOWN; // nothing known of the application: no frame is called a library's
        }
        String loc = locations.get(pkg);
        boolean inAppGroup = appGroups.contains(group(pkg));
        if (loc != null) {
            return applicationLocation(loc) || inAppGroup ? Origin.APPLICATION : Origin.LIBRARY;
        }
        return inAppGroup ? Origin.APPLICATION : Origin.LIBRARY;
    }

    /**
     * For a creation stack (innermost first, {@code pkg.Class.method(File.java:line)}) whose first frame outside
     * the JDK is a library's: that library as an unlisted entry (named for the library the application called),
     * the frame where it made the pool, and the application's first frame outward. A pool a library's own thread
     * made (no application frame) takes the call from the pool whose worker made it, {@code creatorPoolId},
     * followed through {@link #creators}; the call is empty when that chain does not reach the application.
     */
    public Optional<LibraryKnobs.Match> unlisted(List<String> frames, long creatorPoolId) {
        fresh();
        Key key = new Key(frames, creatorPoolId);
        Optional<LibraryKnobs.Match> m = placed.get(key);
        if (m == null) {
            m = place(frames, creatorPoolId, 0);
            placed.put(key, m);
        }
        return m;
    }

    /** How a pool's creation stack and creator are found by id: the process's pools. */
    public void creators(LongFunction<List<String>> framesOf, LongUnaryOperator creatorOf) {
        this.framesOf = framesOf;
        this.creatorOf = creatorOf;
    }

    private Optional<LibraryKnobs.Match> place(List<String> frames, long creator, int depth) {
        int first = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (!Names.isJdkOrAgent(Names.className(frames.get(i)))) {
                first = i;
                break;
            }
        }
        if (first < 0 || origin(Names.className(frames.get(first))) != Origin.LIBRARY) {
            return Optional.empty();
        }
        int called = first;
        for (int i = first + 1; i < frames.size(); i++) {
            String cls = Names.className(frames.get(i));
            if (Names.isJdkOrAgent(cls)) {
                continue;
            }
            if (origin(cls) == Origin.APPLICATION) {
                LibraryKnobs.Library lib = LibraryKnobs.Library.unlisted(libraryName(frames.get(called)), true);
                return Optional.of(new LibraryKnobs.Match(lib, lib.knob, frames.get(first), Optional.of(frames.get(i))));
            }
            called = i;
        }
        Optional<LibraryKnobs.Match> viaCreator = Optional.empty();
        if (creator != 0 && depth < 8 && framesOf != null) {
            List<String> up = framesOf.apply(creator);
            if (up != null && !up.isEmpty()) {
                viaCreator = place(up, creatorOf.applyAsLong(creator), depth + 1).filter(m -> m.callSite.isPresent());
            }
        }
        String outermost = frames.get(called);
        LibraryKnobs.Library lib = viaCreator.map(m -> m.library)
                .orElseGet(() -> LibraryKnobs.Library.unlisted(libraryName(outermost), false));
        return Optional.of(new LibraryKnobs.Match(lib, lib.knob, frames.get(first), viaCreator.flatMap(m -> m.callSite)));
    }

    private record Key(List<String> frames, long creator) {}

    /** The library of a frame: its jar as name and version where a code source is known, else its package. */
    String libraryName(String frame) {
        String pkg = packageOf(Names.className(frame));
        String jar = jarName(locations.get(pkg));
        return jar.isEmpty() ? "the library in " + pkg : jar;
    }

    private boolean applicationLocation(String loc) {
        String l = stripTrailing(loc);
        if (l.contains("BOOT-INF/classes") || l.contains("WEB-INF/classes")) {
            return true;
        }
        if (!mainJar.isEmpty() && jarFile(l).equals(fileOf(mainJar)) && !l.contains("!")) {
            return true;
        }
        // a directory of classes: target/classes, build/classes/java/main, out/production
        return !l.endsWith(".jar") && !l.endsWith(".war") && !l.endsWith(".jmod") && !l.startsWith("jrt:");
    }

    /** "httpcore5-5.1.3.jar" (also nested: jar:nested:/app.jar/!BOOT-INF/lib/x-1.2.jar!/) -> "httpcore5 5.1.3". */
    static String jarName(String location) {
        if (location == null) {
            return "";
        }
        String file = jarFile(stripTrailing(location));
        if (!file.endsWith(".jar")) {
            return "";
        }
        String stem = file.substring(0, file.length() - 4);
        for (int i = 1; i < stem.length() - 1; i++) {
            if (stem.charAt(i) == '-' && Character.isDigit(stem.charAt(i + 1))) {
                return stem.substring(0, i) + " " + stem.substring(i + 1);
            }
        }
        return stem;
    }

    private static String stripTrailing(String loc) {
        String l = loc;
        while (l.endsWith("/") || l.endsWith("!")) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }

    private static String jarFile(String l) {
        return fileOf(stripTrailing(l));
    }

    private static String fileOf(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** A package's group: its first two segments ("com.acme"), three under shared hosts ("org.apache.hc"). */
    static String group(String pkg) {
        if (pkg.isEmpty()) {
            return "";
        }
        String[] s = pkg.split("\\.");
        if (s.length < 2) {
            return pkg;
        }
        String two = s[0] + "." + s[1];
        return HOSTS.contains(two) && s.length > 2 ? two + "." + s[2] : two;
    }
}
