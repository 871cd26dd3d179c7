import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Run as a source file on JDK 22+ (java NativeWorkers.java N): N threads made with libc's
 * pthread_create, as a native library makes its workers (no Java thread behind them), named
 * "blas-worker" and sleeping in libc's sleep(); and a pool of 4 spinning workers, more than this
 * machine's CPUs, so that they wait on the run queue. Prints "ready", runs until stdin closes.
 */
public class NativeWorkers {
    public static void main(String[] args) throws Throwable {
        int n = Integer.parseInt(args[0]);
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle create = linker.downcallHandle(libc.find("pthread_create").orElseThrow(), FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MethodHandle name = linker.downcallHandle(libc.find("pthread_setname_np").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        // the start routine is sleep(unsigned): its argument, the pointer, is the seconds
        MemorySegment sleep = libc.find("sleep").orElseThrow();
        Arena arena = Arena.global();
        for (int i = 0; i < n; i++) {
            MemorySegment tid = arena.allocate(ValueLayout.JAVA_LONG);
            int rc = (int) create.invokeExact(tid, MemorySegment.NULL, sleep, MemorySegment.ofAddress(600));
            if (rc != 0) {
                throw new IllegalStateException("pthread_create: " + rc);
            }
            int named = (int) name.invokeExact(tid.get(ValueLayout.JAVA_LONG, 0), arena.allocateFrom("blas-worker"));
            if (named != 0) {
                throw new IllegalStateException("pthread_setname_np: " + named);
            }
        }
        ExecutorService spin = Executors.newFixedThreadPool(4); // SPIN-POOL
        ExecutorService idle = Executors.newFixedThreadPool(2); // IDLE-POOL
        for (int i = 0; i < 4; i++) {
            spin.execute(() -> {
                long x = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    x += System.nanoTime() % 7;
                }
            });
        }
        for (int i = 0; i < 2; i++) {
            idle.execute(() -> { });
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes stdin
        }
        spin.shutdownNow();
        idle.shutdown();
        System.exit(0);
    }
}
