package dev.threadguard.samples;

import java.util.SplittableRandom;

/**
 * One simulated environment of the rollout sample: a chain of point masses joined by damped
 * springs, hanging from a cart the policy pushes, integrated with semi-implicit Euler. Small, but
 * real floating-point work per step, like the DART physics step of seed 000 (no sleeping).
 */
public final class PendulumChainEnv {
    public static final int OBS_SIZE = 8;

    private static final double GRAVITY = -9.81;
    private static final double STIFFNESS = 400.0;
    private static final double DAMPING = 0.8;
    private static final double REST = 0.1;

    private final int links;
    private final int substeps;
    private final double dt;
    private final double[] x;
    private final double[] y;
    private final double[] vx;
    private final double[] vy;
    private final SplittableRandom random;
    private double cartX;
    private double cartV;
    private int stepsInEpisode;
    private long totalSteps;

    public PendulumChainEnv(int links, int substeps, long seed) {
        this.links = links;
        this.substeps = substeps;
        this.dt = 0.01 / substeps;
        this.x = new double[links];
        this.y = new double[links];
        this.vx = new double[links];
        this.vy = new double[links];
        this.random = new SplittableRandom(seed);
        reset();
    }

    public void reset() {
        cartX = 0;
        cartV = 0;
        for (int i = 0; i < links; i++) {
            x[i] = random.nextDouble(-0.01, 0.01);
            y[i] = -REST * (i + 1);
            vx[i] = 0;
            vy[i] = 0;
        }
        stepsInEpisode = 0;
    }

    /** Fills {@code obs} with a compact observation: cart state and a few link positions. */
    public void observe(double[] obs) {
        obs[0] = cartX;
        obs[1] = cartV;
        for (int k = 0; k < 3; k++) {
            int i = Math.min(links - 1, (k + 1) * links / 3 - 1);
            obs[2 + 2 * k] = x[i] - cartX;
            obs[3 + 2 * k] = vx[i];
        }
    }

    /** Applies a force to the cart for one control step; returns the reward (tip kept under the cart). */
    public double step(double force) {
        for (int s = 0; s < substeps; s++) {
            cartV += (force - 0.5 * cartV) * dt;
            cartX += cartV * dt;
            double px = cartX;
            double py = 0;
            double pvx = cartV;
            double pvy = 0;
            for (int i = 0; i < links; i++) {
                double dx = x[i] - px;
                double dy = y[i] - py;
                double len = Math.sqrt(dx * dx + dy * dy) + 1e-12;
                double stretch = len - REST;
                double relVx = vx[i] - pvx;
                double relVy = vy[i] - pvy;
                double along = (relVx * dx + relVy * dy) / len;
                double f = -STIFFNESS * stretch - DAMPING * along;
                double fx = f * dx / len;
                double fy = f * dy / len + GRAVITY;
                vx[i] += fx * dt;
                vy[i] += fy * dt;
                x[i] += vx[i] * dt;
                y[i] += vy[i] * dt;
                px = x[i];
                py = y[i];
                pvx = vx[i];
                pvy = vy[i];
            }
        }
        totalSteps++;
        double tipOffset = x[links - 1] - cartX;
        double reward = 1.0 - Math.min(1.0, Math.abs(tipOffset)) - 0.01 * Math.abs(cartX);
        if (++stepsInEpisode >= 200 || Math.abs(cartX) > 5 || !Double.isFinite(tipOffset)) {
            reset();
        }
        return reward;
    }

    public long totalSteps() {
        return totalSteps;
    }
}
