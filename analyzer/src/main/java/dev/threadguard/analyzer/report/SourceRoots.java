package dev.threadguard.analyzer.report;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the checked-in file of a stack frame under a project directory ({@code --source-root}), so that
 * SARIF names {@code service/src/main/java/com/example/Foo.java}, the path a code-scanning tool matches
 * against the repository, and not only the package path. Bounded: build output and hidden directories are
 * skipped, and at most {@link #MAX_FILES} files are looked at.
 */
public final class SourceRoots {
    static final int MAX_FILES = 200_000;
    private static final Set<String> SKIP = Set.of("target", "build", "out", "node_modules", "bin");

    private final Path root;
    private final Map<String, List<Path>> byFileName = new HashMap<>();

    private SourceRoots(Path root) {
        this.root = root;
    }

    /** Indexes the source files under {@code root}; none (an empty index) when {@code root} is null. */
    public static SourceRoots scan(Path root) throws IOException {
        SourceRoots r = new SourceRoots(root == null ? null : root.toAbsolutePath().normalize());
        if (root == null) {
            return r;
        }
        int[] seen = {0};
        Files.walkFileTree(r.root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(r.root) && (n.startsWith(".") || SKIP.contains(n));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String n = file.getFileName().toString();
                if (n.endsWith(".java") || n.endsWith(".kt") || n.endsWith(".scala") || n.endsWith(".groovy")) {
                    r.byFileName.computeIfAbsent(n, k -> new ArrayList<>()).add(r.root.relativize(file));
                }
                return ++seen[0] >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return r;
    }

    public static SourceRoots none() {
        return new SourceRoots(null);
    }

    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** The file under the root whose path ends with the frame's package path, with '/' separators. */
    public Optional<String> find(SourceLocation loc) {
        List<Path> files = byFileName.get(loc.file());
        if (files == null) {
            return Optional.empty();
        }
        String want = "/" + loc.relativePath();
        for (Path p : files) {
            String s = "/" + p.toString().replace('\\', '/');
            if (s.endsWith(want)) {
                return Optional.of(s.substring(1));
            }
        }
        return Optional.empty();
    }
}
