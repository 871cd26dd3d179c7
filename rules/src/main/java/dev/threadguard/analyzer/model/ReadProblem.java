package dev.threadguard.analyzer.model;

import java.io.EOFException;

/** What a failure of the JDK's JFR parser means for the user, in words; the parser's own text follows in brackets. */
final class ReadProblem {
    private ReadProblem() {}

    static String describe(Throwable e) {
        String raw = dev.threadguard.analyzer.collect.Dispatch.oneLine(e);
        String words;
        if (e instanceof EOFException) {
            words = "it ends inside a record (truncated)";
        } else if (e instanceof IndexOutOfBoundsException || raw.contains("out of bounds")) {
            words = "a record points outside its chunk (damaged)";
        } else if (raw.contains("Negative position") || raw.contains("position")) {
            words = "a chunk header holds an impossible position (damaged)";
        } else if (e instanceof OutOfMemoryError) {
            words = "a record claims more memory than there is (damaged)";
        } else if (raw.contains("metadata") || raw.contains("Metadata")) {
            words = "its event descriptions (metadata) are damaged";
        } else if (raw.contains("constant pool") || raw.contains("Constant pool")) {
            words = "its constant pools are damaged";
        } else {
            words = "its contents do not parse (damaged or not written by JFR)";
        }
        return words + " [" + raw + "]";
    }
}
