package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;

/**
 * Where a fix goes: for a pool a library created, that library's knob and the application's own call
 * site, never an edit to library code. Until the library table is filled, the rule's own fix is kept.
 */
final class Knobs {
    private Knobs() {}

    static String fix(Model model, PoolStats p, String appFix) {
        return appFix;
    }
}
