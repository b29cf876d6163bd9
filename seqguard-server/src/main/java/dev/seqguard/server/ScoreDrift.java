package dev.seqguard.server;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How far live scores have drifted from the training scores: the population stability index (PSI,
 * &Sigma; (live<sub>i</sub> &minus; train<sub>i</sub>) ln(live<sub>i</sub> / train<sub>i</sub>)) over the training
 * scores' deciles, counted over every warmed-up score since the model was loaded. Rule of thumb: below 0.1 stable,
 * above 0.25 a real shift. Lock-free ({@link #record} is on the scoring path). Live scores are scores of users'
 * histories so far, training scores of whole histories, so some offset is expected even without drift.
 */
public final class ScoreDrift {
    private static final int BINS = 10;
    private static final double EPS = 1e-4;
    private final double[] edges;
    private final double[] expected;
    private final AtomicLongArray counts;

    /** @param trainingScores sorted; empty = no reference (PSI is NaN) */
    public ScoreDrift(double[] trainingScores) {
        if (trainingScores.length == 0) {
            edges = new double[0];
            expected = new double[0];
            counts = new AtomicLongArray(0);
            return;
        }
        double[] e = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            e[i - 1] = trainingScores[(int) Math.min(trainingScores.length - 1, (long) i * trainingScores.length / BINS)];
        }
        edges = Arrays.stream(e).distinct().toArray();
        expected = new double[edges.length + 1];
        for (double s : trainingScores) {
            expected[bin(s)]++;
        }
        for (int i = 0; i < expected.length; i++) {
            expected[i] /= trainingScores.length;
        }
        counts = new AtomicLongArray(expected.length);
    }

    private int bin(double score) {
        int i = Arrays.binarySearch(edges, score);
        return i >= 0 ? i + 1 : -i - 1;
    }

    public void record(double score) {
        if (expected.length > 0 && !Double.isNaN(score)) {
            counts.incrementAndGet(bin(score));
        }
    }

    public boolean hasReference() {
        return expected.length > 0;
    }

    /** Warmed-up scores counted. */
    public long observed() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** PSI; NaN without a reference or before any live score. */
    public double psi() {
        long n = observed();
        if (expected.length == 0 || n == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double live = Math.max(EPS, counts.get(i) / (double) n);
            double train = Math.max(EPS, expected[i]);
            psi += (live - train) * Math.log(live / train);
        }
        return psi;
    }
}
