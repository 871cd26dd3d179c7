package dev.threadguard.agent;

/**
 * Defines a class in the bootstrap class loader with a direct call to jdk.internal.misc.Unsafe.
 * Compiled apart from the rest of the agent, against the JDK itself (-source/-target 17 with
 * --add-exports, which --release forbids; see agent/pom.xml): a reflective call would be simpler,
 * but on JDK 22+ Method.invoke runs on method handles (JEP 416), and its first call spins the
 * java.lang.invoke machinery for this six-argument method, ~40 ms of premain on JDK 25.
 * Linked only after BootstrapInjector has exported jdk.internal.misc to the agent's module.
 */
final class BootDefiner {
    private BootDefiner() {}

    static void define(String name, byte[] bytes) {
        jdk.internal.misc.Unsafe.getUnsafe().defineClass(name, bytes, 0, bytes.length, null, null);
    }
}
