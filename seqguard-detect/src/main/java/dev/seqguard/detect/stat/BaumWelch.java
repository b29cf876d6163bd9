package dev.seqguard.detect.stat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Baum-Welch (EM) training of a {@link DiscreteHmm} with the scaled forward-backward recursions of Rabiner
 * (1989, sec. V.A, eq. 90-110). Each M-step adds a pseudo-count {@code smoothing} to every expected count
 * (a symmetric Dirichlet prior, i.e. MAP-EM), so no probability is ever 0: a symbol never seen in training
 * still gets a finite surprise when scored.
 */
public final class BaumWelch {

    /**
     * The outcome of training.
     *
     * @param model              the trained model
     * @param iterations         EM iterations run
     * @param logLikelihoodPerEvent mean log-likelihood per training event under the final model
     */
    public record Result(DiscreteHmm model, int iterations, double logLikelihoodPerEvent) {
    }

    private BaumWelch() {
    }

    /**
     * Trains from a random start drawn from {@code seed}: transitions and the initial distribution uniform
     * times random factors in [0.5, 1.5); emissions the smoothed overall symbol frequencies times such factors,
     * so every state starts near the data and EM breaks the symmetry between states.
     *
     * @param sequences     observation sequences, symbols in {@code 0..symbols-1}; empty ones are skipped
     * @param maxIterations at most this many EM iterations
     * @param tolerance     stop when the mean log-likelihood per event improves by less than this
     */
    public static Result train(List<int[]> sequences, int states, int symbols, double smoothing, int maxIterations,
                               double tolerance, long seed) {
        long events = sequences.stream().mapToLong(s -> s.length).sum();
        if (events == 0) {
            throw new IllegalArgumentException("Baum-Welch needs at least one observation");
        }
        DiscreteHmm model = initial(sequences, states, symbols, smoothing, new SplittableRandom(seed));
        double previous = Double.NEGATIVE_INFINITY;
        int iterations = 0;
        while (iterations < maxIterations) {
            Counts counts = expectedCounts(model, sequences);
            iterations++;
            double perEvent = counts.logLikelihood / events;
            model = counts.reestimate(smoothing);
            if (perEvent - previous < tolerance) {
                previous = perEvent;
                break;
            }
            previous = perEvent;
        }
        double finalLl = 0;
        for (int[] s : sequences) {
            finalLl += model.logLikelihood(s);
        }
        return new Result(model, iterations, finalLl / events);
    }

    private static DiscreteHmm initial(List<int[]> sequences, int n, int m, double smoothing, SplittableRandom rng) {
        double[] freq = new double[m];
        for (int[] s : sequences) {
            for (int o : s) {
                freq[o]++;
            }
        }
        double[] pi = normalised(randomFactors(n, rng));
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = normalised(randomFactors(n, rng));
            double[] f = randomFactors(m, rng);
            for (int k = 0; k < m; k++) {
                f[k] *= freq[k] + smoothing;
            }
            b[i] = normalised(f);
        }
        return new DiscreteHmm(pi, a, b);
    }

    private static double[] randomFactors(int size, SplittableRandom rng) {
        double[] f = new double[size];
        for (int k = 0; k < size; k++) {
            f[k] = 0.5 + rng.nextDouble();
        }
        return f;
    }

    static double[] normalised(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k] / s;
        }
        return out;
    }

    /** E-step: expected initial, transition and emission counts over all sequences. */
    private static Counts expectedCounts(DiscreteHmm model, List<int[]> sequences) {
        int n = model.states();
        Counts counts = new Counts(n, model.symbols());
        double[][] a = model.transition();
        double[][] b = model.emission();
        for (int[] obs : sequences) {
            int len = obs.length;
            if (len == 0) {
                continue;
            }
            double[][] alpha = new double[len][n];
            double[] logC = new double[len];
            model.forward(obs, alpha, logC);
            double[] c = new double[len];
            for (int t = 0; t < len; t++) {
                counts.logLikelihood += logC[t];
                c[t] = Math.exp(logC[t]);
            }
            double[] beta = new double[n];
            Arrays.fill(beta, 1.0);
            double[] next = new double[n];
            for (int t = len - 1; t >= 0; t--) {
                for (int i = 0; i < n; i++) {
                    double gamma = alpha[t][i] * beta[i];
                    counts.emission[i][obs[t]] += gamma;
                    if (t == 0) {
                        counts.initial[i] += gamma;
                    }
                }
                if (t == 0) {
                    break;
                }
                // xi_{t-1}(i, j) = alpha_{t-1}(i) a_ij b_j(o_t) beta_t(j) / c_t, then beta_{t-1} from the same terms.
                int o = obs[t];
                for (int j = 0; j < n; j++) {
                    next[j] = b[j][o] * beta[j] / c[t];
                }
                for (int i = 0; i < n; i++) {
                    double bi = 0;
                    for (int j = 0; j < n; j++) {
                        double term = a[i][j] * next[j];
                        counts.transition[i][j] += alpha[t - 1][i] * term;
                        bi += term;
                    }
                    beta[i] = bi;
                }
            }
        }
        return counts;
    }

    private static final class Counts {
        final double[] initial;
        final double[][] transition;
        final double[][] emission;
        double logLikelihood;

        Counts(int n, int m) {
            initial = new double[n];
            transition = new double[n][n];
            emission = new double[n][m];
        }

        /** M-step with pseudo-counts. */
        DiscreteHmm reestimate(double smoothing) {
            int n = initial.length;
            double[][] a = new double[n][];
            double[][] b = new double[n][];
            for (int i = 0; i < n; i++) {
                a[i] = normalised(plus(transition[i], smoothing));
                b[i] = normalised(plus(emission[i], smoothing));
            }
            return new DiscreteHmm(normalised(plus(initial, smoothing)), a, b);
        }

        private static double[] plus(double[] v, double s) {
            double[] out = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                out[k] = v[k] + s;
            }
            return out;
        }
    }
}
