package dev.threadguard.analyzer.report;

import java.io.PrintWriter;

/** One output format: lays out a {@link ReportView}, computes nothing of its own. */
public interface Renderer {
    /** The {@code --format} value. */
    String format();

    /** One line for --help. */
    String description();

    void render(ReportView view, PrintWriter out);
}
