package dev.threadguard.agent;

/**
 * One injection: in class {@code owner}, every method named {@code method} whose descriptor starts
 * with {@code descPrefix} calls {@code Hooks.<hook>} at entry, at normal exit, or at every exit
 * (then with the thrown Throwable, or null). What the hook is passed is listed in {@code args}.
 */
final class Hook {
    enum At { ENTER, EXIT, EXIT_OR_THROW }

    /** What to push for the hook call. */
    /** ARG2: the method's second parameter, a reference. */
    enum Arg { THIS, ARG1_BOOLEAN_2, ARG2, METHOD_NAME, FALSE, TRUE, THROWN }

    final String owner;
    final String method;
    final String descPrefix;
    final boolean publicOnly;
    final At at;
    final String hook;
    final String hookDesc;
    final Arg[] args;

    Hook(String owner, String method, String descPrefix, boolean publicOnly, At at, String hook, String hookDesc, Arg... args) {
        this.owner = owner;
        this.method = method;
        this.descPrefix = descPrefix;
        this.publicOnly = publicOnly;
        this.at = at;
        this.hook = hook;
        this.hookDesc = hookDesc;
        this.args = args;
    }

    boolean matches(String owner, String name, String desc, boolean isPublic) {
        return this.owner.equals(owner) && this.method.equals(name) && desc.startsWith(descPrefix) && (isPublic || !publicOnly);
    }
}
