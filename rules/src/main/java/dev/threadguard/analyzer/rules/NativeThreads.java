package dev.threadguard.analyzer.rules;

import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds 001/003: OS threads the JVM did not create (OpenMP, BLAS, ONNX Runtime ... thread pools), more than
 * the processors. Told apart by thread id: a tid of no Java thread and not a JVM-internal name is native;
 * it carries the name (comm) of the Java thread that created it, which ties it to a pool.
 */
public final class NativeThreads implements Rule {
    public static final String ID = "native-threads";
    public static final Threshold RATIO = new Threshold("ratio", Unit.FACTOR, 1.0, "fires when native threads exceed the processors times this");
    public static final Threshold MIN_NATIVE = new Threshold("minNative", Unit.THREADS, 4, "and there are at least this many native threads");
    public static final Evidence NATIVE_THREADS = Evidence.of("nativeThreads", Unit.THREADS, "OS threads of this process not created by the JVM");
    public static final Evidence NATIVE_THREADS_ALL_PROCESSES = Evidence.of("nativeThreadsAllProcesses", Unit.THREADS, "native threads of all recorded processes");
    public static final Evidence PROCESSORS = Evidence.of("processors", Unit.PROCESSORS, "processors the process (or the host, for several processes) can run on at once");
    public static final Evidence JVM_INTERNAL_THREADS = Evidence.of("jvmInternalThreads", Unit.THREADS, "threads the JVM itself runs (GC, compiler, ...)");
    public static final Evidence JAVA_THREADS = Evidence.of("javaThreads", Unit.THREADS, "distinct Java threads seen");
    public static final Evidence POOL_WORKERS = Evidence.of("poolWorkers", Unit.THREADS, "workers of the pool whose threads created the native threads");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "OS threads the JVM did not create (OpenMP/BLAS/ONNX pools) exceed the processors";
    }

    @Override
    public List<Requires> requires() {
        return List.of(Requires.event(Schema.OS_THREADS_SEEN));
    }

    @Override
    public List<String> optionalEvents() {
        return List.of(Schema.THREAD_STARTED, "jdk.ThreadStart", "jdk.ThreadAllocationStatistics", "jdk.NativeLibrary", Schema.HOST);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                RATIO,
                MIN_NATIVE);
    }

    @Override
    public List<Finding> evaluate(Model model, Thresholds t) {
        double ratio = t.get(RATIO);
        double minNative = t.get(MIN_NATIVE);
        List<Finding> out = new ArrayList<>();
        int procs = model.processors();
        int total = 0;
        for (ProcessModel pm : model.processes) {
            total += pm.nativeThreads;
        }
        for (ProcessModel pm : model.processes) {
            if (pm.nativeThreads == 0 || procs <= 0) {
                continue;
            }
            // several processes share the host's processors: judge the sum, report each process's part
            int judged = model.multiProcess() ? total : pm.nativeThreads;
            if (judged <= procs * ratio || pm.nativeThreads < minNative) {
                continue;
            }
            StringBuilder groups = new StringBuilder();
            Map<Long, Integer> perPool = new LinkedHashMap<>();
            int shown = 0;
            for (Map.Entry<String, Integer> e : pm.nativeByComm.entrySet()) {
                Long poolId = pm.commToPool.get(e.getKey());
                PoolStats pool = poolId == null || poolId == 0 ? null : pm.pool(poolId);
                if (pool != null) {
                    perPool.merge(pool.id, e.getValue(), Integer::sum);
                }
                if (shown++ < 5) {
                    if (groups.length() > 0) {
                        groups.append(", ");
                    }
                    groups.append(e.getValue()).append(" named '").append(e.getKey()).append('\'');
                    if (pool != null) {
                        groups.append(" (pool ").append(Fmt.pool(model, pool)).append(')');
                    }
                }
            }
            PoolStats topPool = null;
            int topCount = 0;
            for (Map.Entry<Long, Integer> e : perPool.entrySet()) {
                if (e.getValue() > topCount) {
                    topCount = e.getValue();
                    topPool = pm.pool(e.getKey());
                }
            }
            String env = pm.host.threadEnvironment;
            String msg = pm.nativeThreads + " OS threads of " + (model.multiProcess() ? "'" + pm.source + "'" : "the process")
                    + " were created by native code, not by the JVM"
                    + (model.multiProcess() ? " (" + total + " across the " + model.processes.size() + " processes)" : "")
                    + ", on " + procs + " processors: " + groups + "."
                    + (topPool != null && topPool.width() > 1 ? " " + topPool.width() + " workers of "
                            + Fmt.pool(model, topPool) + " each run their own native pool: ~"
                            + Fmt.num((double) topCount / Math.max(1, topPool.width())) + " native threads per worker."
                            : "")
                    + (poolLibraries(pm).isEmpty() ? "" : " Native libraries with thread pools loaded: "
                            + String.join(", ", poolLibraries(pm)) + ".")
                    + (env.isEmpty() ? " No thread-count variable (OMP_NUM_THREADS, ...) was set."
                            : " Thread environment: " + env + ".");
            Severity sev = judged > 4 * procs ? Severity.CRITICAL : Severity.WARNING;
            out.add(new Finding.Builder(ID).severity(sev)
                    .title(pm.nativeThreads + " native threads on " + procs + " processors")
                    .message(msg)
                    .evidence(NATIVE_THREADS, pm.nativeThreads)
                    .evidence(NATIVE_THREADS_ALL_PROCESSES, total)
                    .evidence(PROCESSORS, procs)
                    .evidence(JVM_INTERNAL_THREADS, pm.jvmInternalThreads)
                    .evidence(JAVA_THREADS, pm.javaTids.size())
                    .evidence(POOL_WORKERS, topPool == null ? 0 : topPool.width())
                    .location(topPool == null ? "" : Fmt.where(topPool))
                    .recommendation(recommendation(env, pm, topPool))
                    .build());
        }
        return out;
    }

    /** Loaded native libraries known to start their own thread pools, as (file name, the knob that sizes it). */
    static final String[][] POOL_LIBRARIES = {
        {"onnxruntime", "ONNX Runtime: SessionOptions.setIntraOpNumThreads(1) on every session (its pool does not read OMP_NUM_THREADS)"},
        {"torch", "libtorch: at::set_num_threads(1) (or OMP_NUM_THREADS=1 before it loads)"},
        {"tensorflow", "TensorFlow: TF_NUM_INTRAOP_THREADS=1 and TF_NUM_INTEROP_THREADS=1"},
        {"mkl", "MKL_NUM_THREADS=1"},
        {"openblas", "OPENBLAS_NUM_THREADS=1"},
        {"gomp", "OMP_NUM_THREADS=1"},
        {"iomp", "OMP_NUM_THREADS=1"},
        {"libomp", "OMP_NUM_THREADS=1"},
        {"blis", "BLIS_NUM_THREADS=1"},
        {"tbb", "TBB: a global_control(max_allowed_parallelism, 1)"},
    };

    /** The loaded libraries that are known to run thread pools. */
    static List<String> poolLibraries(ProcessModel pm) {
        List<String> found = new ArrayList<>();
        for (String lib : pm.nativeLibraries) {
            String l = lib.toLowerCase(java.util.Locale.ROOT);
            for (String[] known : POOL_LIBRARIES) {
                if (l.contains(known[0]) && !found.contains(lib)) {
                    found.add(lib);
                }
            }
        }
        return found;
    }

    static String recommendation(String env, ProcessModel pm, PoolStats topPool) {
        boolean onnx = false;
        for (String comm : pm.nativeByComm.keySet()) {
            String c = comm.toLowerCase();
            if (c.contains("onnx") || c.contains("ort")) {
                onnx = true;
            }
        }
        // the libraries that are loaded say which knob sizes the pools
        List<String> knobs = new ArrayList<>();
        boolean openMpOnly = false;
        // in the table's order: the library's own knob before the generic OpenMP one
        for (String[] known : POOL_LIBRARIES) {
            for (String lib : poolLibraries(pm)) {
                if (lib.toLowerCase(java.util.Locale.ROOT).contains(known[0]) && !knobs.contains(known[1])) {
                    knobs.add(known[1]);
                    onnx |= known[0].equals("onnxruntime");
                }
            }
        }
        if (knobs.size() == 1 && knobs.get(0).equals("OMP_NUM_THREADS=1")) {
            openMpOnly = true;
        }
        String omp = value(env, "OMP_NUM_THREADS");
        String base;
        if (!knobs.isEmpty() && !openMpOnly) {
            base = "set " + String.join("; ", knobs);
        } else if (omp != null && !omp.equals("1")) {
            base = "lower OMP_NUM_THREADS=" + omp + " to OMP_NUM_THREADS=1 (and MKL_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1)";
        } else if (omp == null) {
            base = "set OMP_NUM_THREADS=1 (and MKL_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1) in the JVM's environment";
        } else {
            base = "the native library ignores OMP_NUM_THREADS=1: set its own thread count to 1 (MKL_NUM_THREADS, "
                    + "OPENBLAS_NUM_THREADS, or the library's API)";
        }
        if (onnx && !base.contains("setIntraOpNumThreads")) {
            base += "; for ONNX Runtime SessionOptions.setIntraOpNumThreads(1)";
        }
        if (topPool != null && topPool.width() > 1) {
            base += ", so the " + topPool.width() + " workers of '" + topPool.label() + "' own the parallelism";
        }
        return base;
    }

    private static String value(String env, String name) {
        for (String part : env.split(",")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
