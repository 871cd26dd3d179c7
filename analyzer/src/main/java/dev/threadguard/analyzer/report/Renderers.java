package dev.threadguard.analyzer.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The output formats; this list is what {@code --format} accepts. A new format is one class added here. */
public final class Renderers {
    private Renderers() {}

    public static List<Renderer> all() {
        return List.of(new TextReport(), new JsonReport(), new HtmlReport(), new SarifReport(), new MarkdownReport());
    }

    public static Optional<Renderer> byFormat(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return all().stream().filter(r -> r.format().equals(f)).findFirst();
    }

    /** "text|json|html|sarif|markdown". */
    public static String formats() {
        return all().stream().map(Renderer::format).collect(Collectors.joining("|"));
    }
}
