package dev.threadguard.analyzer.report;

import java.io.PrintWriter;

/**
 * Lines of a text report. Every line has its control characters escaped here, so a name from a recording
 * cannot end a line early, move the cursor or clear the terminal, whatever a caller forgot.
 */
final class TextOut {
    private final PrintWriter out;
    private final int width;

    TextOut(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    void line(String s) {
        out.println(Names.controlsEscaped(s));
    }

    void blank() {
        out.println();
    }

    /** A long word (a stack frame) breaks after its last '(', '.', ',' or '/' that fits, else hard. */
    private int breakInWord(String line) {
        for (int i = width - 1; i > width / 2; i--) {
            if ("(.,/".indexOf(line.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return width;
    }

    /** Word-wraps to the width; a word longer than a line is cut hard. */
    void wrap(String text, String indent) {
        String s = Names.controlsEscaped(text);
        boolean first = true;
        while (true) {
            String line = first ? s : indent + s;
            if (line.length() <= width) {
                out.println(line);
                return;
            }
            int cut = line.lastIndexOf(' ', width);
            if (cut < width / 2) {
                cut = breakInWord(line);
            }
            out.println(line.substring(0, cut).stripTrailing());
            s = line.substring(cut).stripLeading();
            first = false;
            if (s.isEmpty()) {
                return;
            }
        }
    }
}
