package dev.threadguard.analyzer.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack frame as text, {@code [loader/module/]pkg.Class.method(File.java:line)}, taken apart: what SARIF
 * needs to point a code-scanning tool at the line, and the short form the reports show.
 */
public record SourceLocation(String className, String method, String file, int line) {
    private static final Pattern FRAME =
            Pattern.compile("^(?:[^/()\\s]*/)*([\\p{L}\\p{N}_$.]+)\\.([\\p{L}\\p{N}_$<>]+)\\(([^:()]*)(?::(\\d+))?\\)$");

    public static Optional<SourceLocation> parse(String frame) {
        if (frame == null) {
            return Optional.empty();
        }
        Matcher m = FRAME.matcher(frame.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String cls = m.group(1);
        String file = m.group(3);
        if (file.isEmpty() || file.equals("Unknown Source") || file.equals("Native Method")) {
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            file = (simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple) + ".java";
        }
        int line = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return Optional.of(new SourceLocation(cls, m.group(2), file, line));
    }

    public String packagePath() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot).replace('.', '/');
    }

    /** The source file relative to a source root: {@code com/example/Foo.java}. */
    public String relativePath() {
        String pkg = packagePath();
        return pkg.isEmpty() ? file : pkg + "/" + file;
    }

    public String simpleClass() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** {@code Foo.bar:42}, how tables show a site. */
    public String shortForm() {
        return simpleClass() + "." + method + (line > 0 ? ":" + line : "");
    }

    /** {@code com.example.Foo.bar}. */
    public String qualifiedMethod() {
        return className + "." + method;
    }
}
