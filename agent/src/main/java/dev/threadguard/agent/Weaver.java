package dev.threadguard.agent;

import dev.threadguard.bootstrap.Control;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Weaves the hook calls of {@link HookTable} into the JDK classes with the ASM that Byte Buddy
 * ships (relocated). Byte Buddy's AgentBuilder would load about 1,100 classes in premain (a second
 * of CPU); this loads a few dozen. Every injected call is to a static method of the bootstrap
 * {@code Hooks} class, which swallows its own failures; for EXIT_OR_THROW the original Throwable is
 * rethrown unchanged.
 */
final class Weaver implements ClassFileTransformer {
    static final String HOOKS = "dev/threadguard/bootstrap/Hooks";
    static final String EVENT = "Ljdk/jfr/Event;";

    final List<String> errors = new ArrayList<>();
    final List<String> woven = new ArrayList<>();
    /** Names of the Hooks methods some JDK method now calls. */
    final java.util.Set<String> appliedHooks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> wovenAtLoad = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean installed;
    private volatile boolean logInfo;
    /** Gives a library's named module the reads its woven calls need; null: named modules are left alone. */
    private final Instrumentation inst;

    Weaver() {
        this(null);
    }

    Weaver(Instrumentation inst) {
        this.inst = inst;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (name == null) {
            return null;
        }
        String hookOwner;
        if (loader == null) {
            if (!HookTable.CLASSES.contains(name)) {
                return null;
            }
            hookOwner = name;
        } else {
            // every class the application loads passes here: two suffix comparisons, then out
            hookOwner = HookTable.libraryClass(name);
            if (hookOwner == null || redefined != null || !canCallHooks(module, loader, inst)) {
                return null;
            }
        }
        try {
            byte[] out = weave(name, hookOwner, bytes, appliedHooks);
            synchronized (woven) {
                woven.add(name);
            }
            if (loader == null && redefined == null) {
                wovenAtLoad.add(name);
                if (name.equals(HookTable.VIRTUAL_THREAD) && installed) {
                    // loaded after premain (a JVM that starts no virtual thread early): counted from now on
                    Control.virtualThreadsTracked(virtualThreadsTracked());
                }
            }
            return out;
        } catch (Throwable t) {
            synchronized (errors) {
                errors.add(name + ": " + t);
            }
            if (installed && logInfo) {
                System.err.println("threadguard: not instrumented: " + name + ": " + t);
            }
            return null;
        }
    }

    /** Whether a JDK class of the hook table was woven as it loaded (then it needs no retransform). */
    boolean wovenAtLoad(String name) {
        return wovenAtLoad.contains(name);
    }

    /** Both ends of a virtual thread are hooked, so the live count is right (the end hook's name differs between JDK versions). */
    boolean virtualThreadsTracked() {
        return appliedHooks.contains("virtualStarted") && appliedHooks.contains("virtualEnded");
    }

    /**
     * Premain is done: a JDK class woven from now on (as it loads) tells the bootstrap side itself,
     * and a failure says so on stderr with log=info, as the line at the end of premain does.
     */
    void installed(boolean logInfo) {
        this.logInfo = logInfo;
        this.installed = true;
    }

    /**
     * A library class may call the hooks only where linking them cannot fail: its loader must resolve
     * Hooks and jdk.jfr.Event to the boot loader's classes (an OSGi bundle's may not), and its module
     * must read the module of each (an unnamed or automatic module reads every module; a named one,
     * such as Netty 4.2's on the module path, is given the two reads first, which changes nothing else
     * for it). Retransforms (an attach) are left alone: a group built before it was never seen, and
     * adding hooks then would only attribute some of its threads.
     */
    static boolean canCallHooks(Module module, ClassLoader loader, Instrumentation inst) {
        try {
            Class<?> hooks = Class.forName(HOOKS.replace('/', '.'), false, null);
            if (Class.forName(HOOKS.replace('/', '.'), false, loader) != hooks
                || Class.forName("jdk.jfr.Event", false, loader) != jdk.jfr.Event.class) {
                return false;
            }
            if (module == null || !module.isNamed() || module.getDescriptor().isAutomatic()) {
                return true;
            }
            if (inst == null || !inst.isModifiableModule(module)) {
                return false;
            }
            inst.redefineModule(module, java.util.Set.of(hooks.getModule(), jdk.jfr.Event.class.getModule()),
                java.util.Map.of(), java.util.Map.of(), java.util.Set.of(), java.util.Map.of());
            return module.canRead(hooks.getModule()) && module.canRead(jdk.jfr.Event.class.getModule());
        } catch (Throwable t) {
            return false;
        }
    }

    static byte[] weave(String className, byte[] bytes, java.util.Set<String> applied) {
        return weave(className, className, bytes, applied);
    }

    /** hookOwner: the hook table's name for the class, which differs from its own when a library is shaded. */
    static byte[] weave(String className, String hookOwner, byte[] bytes, java.util.Set<String> applied) {
        ClassReader reader = new ClassReader(bytes);
        // frames are kept as read (expanded) and one is added per handler; only max stack is computed
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                List<Hook> hooks = new ArrayList<>();
                for (Hook h : HookTable.ALL) {
                    if (h.matches(hookOwner, name, desc, (access & Opcodes.ACC_PUBLIC) != 0) && (access & Opcodes.ACC_STATIC) == 0
                        && (access & Opcodes.ACC_ABSTRACT) == 0 && (access & Opcodes.ACC_NATIVE) == 0) {
                        hooks.add(h);
                        applied.add(h.hook);
                    }
                }
                return hooks.isEmpty() ? mv : new HookedMethod(mv, className, access, name, desc, hooks);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static final class HookedMethod extends MethodVisitor {
        private final String owner;
        private final String name;
        private final String desc;
        private final List<Hook> hooks;
        private final Label start = new Label();
        private final boolean needsHandler;

        HookedMethod(MethodVisitor mv, String owner, int access, String name, String desc, List<Hook> hooks) {
            super(Opcodes.ASM9, mv);
            this.owner = owner;
            this.name = name;
            this.desc = desc;
            this.hooks = hooks;
            boolean handler = false;
            for (Hook h : hooks) {
                handler |= h.at == Hook.At.EXIT_OR_THROW;
            }
            this.needsHandler = handler;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (needsHandler) {
                super.visitLabel(start);
            }
            for (Hook h : hooks) {
                if (h.at == Hook.At.ENTER) {
                    call(h, false);
                }
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                for (Hook h : hooks) {
                    if (h.at != Hook.At.ENTER) {
                        call(h, false);
                    }
                }
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (needsHandler) {
                // added last, so the method's own handlers keep their precedence
                Label end = new Label();
                Label handler = new Label();
                super.visitLabel(end);
                super.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
                super.visitLabel(handler);
                super.visitFrame(Opcodes.F_NEW, entryLocals().length, entryLocals(), 1, new Object[] {"java/lang/Throwable"});
                for (Hook h : hooks) {
                    if (h.at == Hook.At.EXIT_OR_THROW) {
                        call(h, true);
                    }
                }
                super.visitInsn(Opcodes.ATHROW);
            }
            super.visitMaxs(maxStack, maxLocals);
        }

        /** Pushes the hook's arguments and calls it; on the throw path the Throwable is on the stack and stays there. */
        private void call(Hook h, boolean thrown) {
            for (Hook.Arg a : h.args) {
                switch (a) {
                    case THIS:
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        break;
                    case ARG1_BOOLEAN_2:
                        super.visitVarInsn(Opcodes.ILOAD, 2);
                        break;
                    case ARG2:
                        super.visitVarInsn(Opcodes.ALOAD, 2);
                        break;
                    case METHOD_NAME:
                        super.visitLdcInsn("ForkJoinPool." + name);
                        break;
                    case FALSE:
                        super.visitInsn(Opcodes.ICONST_0);
                        break;
                    case TRUE:
                        super.visitInsn(Opcodes.ICONST_1);
                        break;
                    case THROWN:
                        if (thrown) {
                            // stack: throwable, this -> throwable, this, throwable
                            super.visitInsn(Opcodes.SWAP);
                            super.visitInsn(Opcodes.DUP_X1);
                        } else {
                            super.visitInsn(Opcodes.ACONST_NULL);
                        }
                        break;
                    default:
                        throw new IllegalStateException(a.toString());
                }
            }
            // on the throw path the Throwable stays below the arguments, for the ATHROW that follows
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, h.hook, h.hookDesc, false);
            if (h.hookDesc.endsWith(")" + EVENT)) {
                // committed here, so its stack trace starts at this JDK method (never null: Hooks returns a no-op event)
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "jdk/jfr/Event", "commit", "()V", false);
            }
        }

        /** The locals at method entry, as an expanded frame: this and the parameters. */
        private Object[] entryLocals() {
            Type[] params = Type.getArgumentTypes(desc);
            Object[] locals = new Object[params.length + 1];
            locals[0] = owner;
            for (int i = 0; i < params.length; i++) {
                switch (params[i].getSort()) {
                    case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
                        locals[i + 1] = Opcodes.INTEGER;
                        break;
                    case Type.FLOAT:
                        locals[i + 1] = Opcodes.FLOAT;
                        break;
                    case Type.LONG:
                        locals[i + 1] = Opcodes.LONG;
                        break;
                    case Type.DOUBLE:
                        locals[i + 1] = Opcodes.DOUBLE;
                        break;
                    default:
                        locals[i + 1] = params[i].getSort() == Type.ARRAY ? params[i].getDescriptor() : params[i].getInternalName();
                }
            }
            return locals;
        }
    }
}
