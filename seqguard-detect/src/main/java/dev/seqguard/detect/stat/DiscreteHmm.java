package dev.seqguard.detect.stat;

/**
 * A discrete hidden Markov model {@code (pi, A, B)} with the scaled forward recursion of Rabiner ("A Tutorial
 * on Hidden Markov Models and Selected Applications in Speech Recognition", Proc. IEEE 77(2), 1989, sec. V.A).
 * The scaling factor {@code c_t} of step t is exactly {@code p(x_t | x_1..x_{t-1})}, so the per-event
 * surprise {@code -log c_t} falls out of the recursion without underflow.
 *
 * @param initial    {@code pi[i]}, the probability of starting in state i
 * @param transition {@code A[i][j]}, the probability of moving from state i to j
 * @param emission   {@code B[i][k]}, the probability that state i emits symbol k
 */
public record DiscreteHmm(double[] initial, double[][] transition, double[][] emission) {

    private static final double ROW_SUM_TOLERANCE = 1e-6;

    public DiscreteHmm {
        int n = initial.length;
        if (n == 0) {
            throw new IllegalArgumentException("an HMM needs at least one state");
        }
        if (transition.length != n || emission.length != n) {
            throw new IllegalArgumentException("an HMM with " + n + " states needs " + n + " transition and emission rows");
        }
        requireDistribution(initial, "initial");
        int symbols = emission[0].length;
        for (int i = 0; i < n; i++) {
            if (transition[i].length != n || emission[i].length != symbols) {
                throw new IllegalArgumentException("HMM row " + i + " has the wrong length");
            }
            requireDistribution(transition[i], "transition row " + i);
            requireDistribution(emission[i], "emission row " + i);
        }
    }

    public int states() {
        return initial.length;
    }

    public int symbols() {
        return emission[0].length;
    }

    /**
     * {@code log p(x_t | x_1..x_{t-1})} for every t (for t = 0 the marginal {@code log p(x_0)}); their sum is
     * the log-likelihood. An impossible event gives {@code -Infinity} only if the model has zero entries.
     */
    public double[] conditionalLogProbabilities(int[] observations) {
        double[] out = new double[observations.length];
        forward(observations, null, out);
        return out;
    }

    public double logLikelihood(int[] observations) {
        double s = 0;
        for (double v : conditionalLogProbabilities(observations)) {
            s += v;
        }
        return s;
    }

    /**
     * The scaled forward pass: fills {@code alpha[t]} (normalised to sum 1, may be null) and {@code logC[t]}.
     * After an impossible step the state distribution restarts from {@code pi}, so later steps stay defined.
     */
    void forward(int[] obs, double[][] alpha, double[] logC) {
        int n = states();
        double[] prev = new double[n];
        double[] cur = new double[n];
        for (int t = 0; t < obs.length; t++) {
            int o = obs[t];
            if (o < 0 || o >= symbols()) {
                throw new IllegalArgumentException("symbol " + o + " at position " + t + " is outside 0.." + (symbols() - 1));
            }
            double c = 0;
            for (int j = 0; j < n; j++) {
                double p;
                if (t == 0) {
                    p = initial[j];
                } else {
                    p = 0;
                    for (int i = 0; i < n; i++) {
                        p += prev[i] * transition[i][j];
                    }
                }
                cur[j] = p * emission[j][o];
                c += cur[j];
            }
            logC[t] = Math.log(c);
            for (int j = 0; j < n; j++) {
                cur[j] = c > 0 ? cur[j] / c : initial[j];
            }
            if (alpha != null) {
                System.arraycopy(cur, 0, alpha[t], 0, n);
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
    }

    private static void requireDistribution(double[] p, String what) {
        double s = 0;
        for (double v : p) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("HMM " + what + " has entry " + v + " (must be a finite probability)");
            }
            s += v;
        }
        if (Math.abs(s - 1) > ROW_SUM_TOLERANCE) {
            throw new IllegalArgumentException("HMM " + what + " sums to " + s + ", not 1");
        }
    }
}
