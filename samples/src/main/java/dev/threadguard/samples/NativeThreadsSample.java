package dev.threadguard.samples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Seeds 001/003 in their native form: an inference service with one Java worker per core, each
 * worker holding its own ONNX Runtime session, and each session sized the "use every core" way
 * ({@code setIntraOpNumThreads(availableProcessors())}). ONNX Runtime then starts its own
 * intra-op pool per session: N x (M - 1) native threads the JVM knows nothing about, all spinning
 * for the same cores. {@code --fixed}: intra-op threads 1 (the OMP_NUM_THREADS=1 of the seeds).
 */
public final class NativeThreadsSample {
    public static void main(String[] argv) {
        Samples.launch(argv, NativeThreadsSample::run);
    }

    static void run(String[] argv) throws Exception {
        Args a = Args.parse("native-threads", argv);
        boolean fixed = a.flag("fixed", "one intra-op thread per session");
        int cpus = Runtime.getRuntime().availableProcessors();
        int workers = a.intValue("workers", cpus, "Java workers, one ONNX Runtime session each (availableProcessors())");
        int intra = a.intValue("intra", cpus, "intra-op threads per session in the broken form (availableProcessors())");
        int requests = a.intValue("requests", 2000, "inference requests per worker");
        int batch = a.intValue("batch", 16, "rows per request");
        int width = a.intValue("width", 256, "model width");
        int layers = a.intValue("layers", 2, "MatMul+Tanh layers");
        a.done("Native threads: Java workers each running an ONNX Runtime session with its own intra-op pool, vs intra-op 1.");
        int intraThreads = fixed ? 1 : intra;

        byte[] model = OnnxModels.matMulChain(batch, width, layers, 11);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int javaBefore = ThreadCounts.javaThreads();
        int besidesJvmBefore = ThreadCounts.osThreadsBesidesTheJvmsOwn();
        System.out.printf("native-threads (%s): availableProcessors()=%d, %d workers x ONNX Runtime session(intra-op threads %d), model %d bytes (%d x MatMul %dx%d)%n",
                fixed ? "fixed" : "broken", cpus, workers, intraThreads, model.length, layers, width, width);

        List<OrtSession> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        double ms;
        int nativeThreads;
        int osThreads;
        int peakOs;
        try (ThreadCounts counts = ThreadCounts.watch(20)) {
            // each worker creates its own session on its own thread, as a per-thread model cache would
            List<Future<OrtSession>> created = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                created.add(pool.submit(() -> {
                    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                    opts.setIntraOpNumThreads(intraThreads);
                    opts.setInterOpNumThreads(1);
                    return env.createSession(model, opts);
                }));
            }
            for (Future<OrtSession> f : created) sessions.add(f.get());
            osThreads = ThreadCounts.osThreads();
            // not all OS threads: a JIT or JFR thread that starts meanwhile is no native library's
            nativeThreads = (ThreadCounts.osThreadsBesidesTheJvmsOwn() - besidesJvmBefore) - (ThreadCounts.javaThreads() - javaBefore);

            float[] input = new float[batch * width];
            for (int i = 0; i < input.length; i++) input[i] = (float) Math.sin(i);
            runAll(env, sessions, pool, input, batch, width, Math.max(5, requests / 10)); // warm-up
            long t0 = System.nanoTime();
            runAll(env, sessions, pool, input, batch, width, requests);
            ms = (System.nanoTime() - t0) / 1e6;
            peakOs = counts.peakOsThreads();
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            for (OrtSession s : sessions) s.close();
        }
        long total = (long) workers * requests;
        Table t = new Table("Mode", "Workers", "Intra-op", "Native threads", "OS threads", "Time (ms)", "Requests/s");
        t.row(fixed ? "fixed" : "broken", workers, intraThreads, nativeThreads, peakOs, String.format("%.0f", ms),
                String.format("%.0f", total / (ms / 1000)));
        t.print(System.out);
        System.out.printf("result: sample=native-threads mode=%s workers=%d intra=%d native_threads=%d peak_os_threads=%d ms=%.0f requests_per_s=%.0f%n",
                fixed ? "fixed" : "broken", workers, intraThreads, nativeThreads, peakOs, ms, total / (ms / 1000));
    }

    private static void runAll(OrtEnvironment env, List<OrtSession> sessions, ExecutorService pool, float[] input, int batch,
            int width, int requests) throws Exception {
        List<Future<Double>> done = new ArrayList<>();
        for (OrtSession s : sessions) {
            done.add(pool.submit(() -> {
                double sum = 0;
                for (int r = 0; r < requests; r++) {
                    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {batch, width});
                         OrtSession.Result y = s.run(Map.of("X", x))) {
                        float[][] out = (float[][]) y.get(0).getValue();
                        sum += out[r % batch][r % width];
                    }
                }
                return sum;
            }));
        }
        for (Future<Double> f : done) f.get();
    }
}
