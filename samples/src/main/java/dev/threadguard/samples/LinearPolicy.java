package dev.threadguard.samples;

/**
 * The policy network stand-in: one small dense layer and a tanh, evaluated per environment per
 * step by the worker that steps it (like the MuscleNN inference of seed 000, single-threaded).
 */
public final class LinearPolicy {
    private final int hidden;
    private final double[] w1;
    private final double[] w2;

    public LinearPolicy(int hidden, long seed) {
        this.hidden = hidden;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        w1 = new double[hidden * PendulumChainEnv.OBS_SIZE];
        w2 = new double[hidden];
        for (int i = 0; i < w1.length; i++) w1[i] = r.nextDouble(-0.3, 0.3);
        for (int i = 0; i < w2.length; i++) w2[i] = r.nextDouble(-0.3, 0.3);
    }

    public double act(double[] obs) {
        double out = 0;
        for (int h = 0; h < hidden; h++) {
            double a = 0;
            int base = h * PendulumChainEnv.OBS_SIZE;
            for (int i = 0; i < PendulumChainEnv.OBS_SIZE; i++) a += w1[base + i] * obs[i];
            out += w2[h] * Math.tanh(a);
        }
        return 10 * Math.tanh(out);
    }
}
