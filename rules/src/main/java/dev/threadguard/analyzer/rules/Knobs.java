package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.knobs.AppCode;
import dev.threadguard.analyzer.knobs.LibraryKnobs;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import java.util.Optional;

/**
 * Where a fix goes: for a pool or thread family a library created, the library's own knob (from
 * {@link LibraryKnobs}) and the application's call into the library, never an edit to library code.
 */
final class Knobs {
    private Knobs() {}

    /**
     * The library that made the pool, from its creation stack, else (families) from its thread names; a library
     * the table does not list when its frames are told from the application's ({@link AppCode}).
     */
    static Optional<LibraryKnobs.Match> library(PoolStats p) {
        String name = p.workerName.isEmpty() ? p.namePattern.isEmpty() ? p.label() : p.namePattern : p.workerName;
        Optional<LibraryKnobs.Match> m = LibraryKnobs.standard().lookup(p.creationFrames, name);
        if (m.isEmpty() && p.creationFrames.isEmpty() && p.kind().threadsOnly()) {
            m = LibraryKnobs.standard().byThreadName(name);
        }
        return m.isEmpty() ? p.code.unlisted(p.creationFrames, p.creatorPoolId) : m;
    }

    /**
     * Where a finding about the pool points: its creation site, but for a pool made inside a library the table
     * does not list, the application's call into that library (the library's line is no place for a fix).
     */
    static String where(PoolStats p) {
        if (p.creationSite.isEmpty()) {
            return p.label();
        }
        return library(p).filter(m -> !m.library.listed()).flatMap(m -> m.callSite).orElse(p.creationSite);
    }

    /** The fix for a library's pool in the library's terms; {@code appFix} for the application's own pools. */
    static String fix(Model model, PoolStats p, String appFix) {
        Optional<LibraryKnobs.Match> found = library(p);
        if (found.isEmpty()) {
            return appFix;
        }
        LibraryKnobs.Match m = found.get();
        if (!m.library.listed()) {
            return "'" + p.label() + "' is made inside " + m.library.name + " (at " + m.libraryFrame + ")"
                    + m.callSite.map(s -> ", by your call at " + s).orElse("") + ": do not edit " + m.library.name
                    + "; size it with " + m.knob.setting + " (" + m.knob.note + ")";
        }
        return "'" + p.label() + "' is made inside " + m.library.name
                + m.callSite.map(s -> ", by your call at " + s).orElse("") + ": do not edit " + m.library.name
                + "; size it with " + m.knob.setting + " (" + m.knob.kind + "; " + m.knob.note + ")";
    }
}
