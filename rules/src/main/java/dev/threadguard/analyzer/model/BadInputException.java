package dev.threadguard.analyzer.model;

/** A recording that cannot be read at all (missing, empty, not JFR, no intact chunk). One line of message. */
public final class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
