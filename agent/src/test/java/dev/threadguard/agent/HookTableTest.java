package dev.threadguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.bootstrap.Hooks;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every call the weaver injects names a real {@link Hooks} method: a wrong name or descriptor would only
 * show as a NoSuchMethodError inside Thread.start or a pool, so it is checked here, against reflection.
 */
class HookTableTest {

    private static Method hook(Hook h) {
        for (Method m : Hooks.class.getDeclaredMethods()) {
            if (m.getName().equals(h.hook) && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                .toMethodDescriptorString().equals(h.hookDesc)) {
                return m;
            }
        }
        return null;
    }

    /** The hooked JDK class, or null when this JDK has none (VirtualThread before 21). */
    private static Class<?> owner(Hook h) {
        try {
            return Class.forName(h.owner.replace('/', '.'));
        } catch (ClassNotFoundException e) {
            assertTrue(h.owner.equals(HookTable.VIRTUAL_THREAD) && Runtime.version().feature() < 21, h.owner);
            return null;
        }
    }

    @Test
    void everyDescriptorIsAPublicStaticHooksMethod() {
        List<String> wrong = new ArrayList<>();
        for (Hook h : HookTable.ALL) {
            Method m = hook(h);
            if (m == null || !Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
                wrong.add(h.owner + "." + h.method + " -> Hooks." + h.hook + h.hookDesc);
            }
        }
        assertEquals(List.of(), wrong, "hook calls with no public static Hooks method of that descriptor");
    }

    @Test
    void whatIsPushedFitsTheParameters() {
        for (Hook h : HookTable.ALL) {
            Method m = hook(h);
            assertTrue(m != null, h.hook + h.hookDesc);
            Class<?>[] params = m.getParameterTypes();
            assertEquals(params.length, h.args.length, h.owner + "." + h.method + " -> " + h.hook + ": argument count");
            Class<?> owner = owner(h);
            for (int i = 0; i < params.length; i++) {
                Class<?> expected = switch (h.args[i]) {
                    case THIS -> owner != null ? owner : params[i]; // an owner of a newer JDK: the weaver checks it there
                    case ARG1_BOOLEAN_2, FALSE, TRUE -> boolean.class;
                    case METHOD_NAME -> String.class;
                    case THROWN -> Throwable.class;
                    case ARG2 -> params[i]; // checked against each woven method's parameter below
                };
                assertTrue(params[i].isAssignableFrom(expected),
                    h.owner + "." + h.method + " -> " + h.hook + " parameter " + i + ": " + params[i] + " takes no " + expected);
            }
            // the weaver commits a returned event and pops nothing else
            assertTrue(m.getReturnType() == void.class || m.getReturnType() == jdk.jfr.Event.class,
                h.hook + " must return nothing or a jdk.jfr.Event: " + m.getReturnType());
        }
    }

    @Test
    void aBooleanArgumentIsPushedOnlyFromABooleanParameter() {
        for (Hook h : HookTable.ALL) {
            if (!List.of(h.args).contains(Hook.Arg.ARG1_BOOLEAN_2)) {
                continue;
            }
            List<Method> matched = woven(h);
            for (Method m : matched) {
                Class<?>[] p = m.getParameterTypes();
                // local slot 2 is the second parameter only when the first takes one slot
                assertTrue(p.length >= 2 && p[1] == boolean.class && p[0] != long.class && p[0] != double.class, m.toString());
            }
            assertTrue(!matched.isEmpty(), h.owner + "." + h.method);
        }
    }

    @Test
    void aSecondArgumentIsPushedFromAReferenceParameterTheHookTakes() {
        for (Hook h : HookTable.ALL) {
            int at = List.of(h.args).indexOf(Hook.Arg.ARG2);
            if (at < 0) {
                continue;
            }
            Class<?> takes = hook(h).getParameterTypes()[at];
            List<Method> matched = woven(h);
            for (Method m : matched) {
                Class<?>[] p = m.getParameterTypes();
                assertTrue(p.length >= 2 && !p[1].isPrimitive() && p[0] != long.class && p[0] != double.class
                    && takes.isAssignableFrom(p[1]), m.toString());
            }
            assertTrue(!matched.isEmpty(), h.owner + "." + h.method);
        }
    }

    /** The owner's methods the hook is woven into. */
    private static List<Method> woven(Hook h) {
        List<Method> matched = new ArrayList<>();
        for (Method m : owner(h).getDeclaredMethods()) {
            String desc = MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
            if (h.matches(h.owner, m.getName(), desc, Modifier.isPublic(m.getModifiers()))) {
                matched.add(m);
            }
        }
        return matched;
    }

    @Test
    void onlyHooksOnTheThrowPathGetTheThrowable() {
        for (Hook h : HookTable.ALL) {
            if (List.of(h.args).contains(Hook.Arg.THROWN)) {
                assertEquals(Hook.At.EXIT_OR_THROW, h.at, h.owner + "." + h.method + " -> " + h.hook);
            }
        }
    }
}
