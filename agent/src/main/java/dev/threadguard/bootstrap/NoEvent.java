package dev.threadguard.bootstrap;

import jdk.jfr.Registered;

/** The "nothing to commit" a hook hands back to the woven JDK method; never registered, so commit() is empty. */
@Registered(false)
final class NoEvent extends jdk.jfr.Event {
}
