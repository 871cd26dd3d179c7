package dev.threadguard.samples;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The per-step network of the nested sample (seed 001's MuscleNN): one dense layer with a tanh,
 * evaluated row by row. How the rows are computed is the whole incident: on the caller's thread,
 * split over a ForkJoinPool the caller owns, or over the common pool with a parallel stream.
 */
public final class MuscleNet {
    /** Where the inner (per-step) parallelism runs. */
    public enum Inner {
        /** rows computed on the calling thread (seed 001's fix: OMP_NUM_THREADS=1) */
        SEQUENTIAL,
        /** rows split over a ForkJoinPool owned by the calling worker (libtorch's per-thread OMP team) */
        FORKJOIN,
        /** rows split with a parallel stream, i.e. over the common pool */
        STREAM
    }

    private final int in;
    private final int out;
    private final double[] weights;
    private final double[] bias;

    public MuscleNet(int in, int out, long seed) {
        this.in = in;
        this.out = out;
        SplittableRandom r = new SplittableRandom(seed);
        weights = new double[in * out];
        bias = new double[out];
        double scale = 1.0 / Math.sqrt(in);
        for (int i = 0; i < weights.length; i++) weights[i] = r.nextDouble(-scale, scale);
        for (int i = 0; i < out; i++) bias[i] = r.nextDouble(-0.1, 0.1);
    }

    public int inputs() {
        return in;
    }

    public int outputs() {
        return out;
    }

    /** Computes activations for {@code x} into {@code y}; {@code pool} is used for FORKJOIN only. */
    public void forward(double[] x, double[] y, Inner inner, ForkJoinPool pool) {
        switch (inner) {
            case SEQUENTIAL:
                for (int row = 0; row < out; row++) y[row] = row(x, row);
                break;
            case STREAM:
                IntStream.range(0, out).parallel().forEach(row -> y[row] = row(x, row));
                break;
            case FORKJOIN:
                pool.submit(() -> IntStream.range(0, out).parallel().forEach(row -> y[row] = row(x, row))).join();
                break;
            default:
                throw new IllegalArgumentException(String.valueOf(inner));
        }
    }

    private double row(double[] x, int row) {
        double a = bias[row];
        int base = row * in;
        for (int i = 0; i < in; i++) a += weights[base + i] * x[i];
        return Math.tanh(a);
    }
}
