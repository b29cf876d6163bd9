package dev.seqguard.detect.ml.trees;

import java.util.Arrays;

/**
 * Per-feature split candidates learnt from training rows, and the training rows coded by them: the candidate
 * thresholds of a feature are midpoints between consecutive distinct training values (all of them when there
 * are fewer than {@code maxBins}, otherwise at {@code maxBins} row quantiles). A value {@code x} falls in bin
 * {@code b} when {@code x <= threshold[b]} and {@code x > threshold[b-1]}; the last bin holds values above every
 * threshold. Splitting at bin {@code b} therefore means {@code x <= threshold[b]}, which is what a fitted tree
 * tests on raw values. With few distinct values the search is exact; otherwise it is the histogram
 * approximation of LightGBM (Ke et al. 2017).
 */
public final class FeatureBins {
    private final double[][] thresholds;
    private final short[][] codes;

    private FeatureBins(double[][] thresholds, short[][] codes) {
        this.thresholds = thresholds;
        this.codes = codes;
    }

    /**
     * @param rows    training rows, all of one width, finite
     * @param maxBins at most this many bins per feature, 2..{@value #MAX_BINS}
     */
    public static FeatureBins of(double[][] rows, int maxBins) {
        if (maxBins < 2 || maxBins > MAX_BINS) {
            throw new IllegalArgumentException("maxBins must be in 2.." + MAX_BINS + ", got " + maxBins);
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot bin zero rows");
        }
        int d = rows[0].length;
        double[][] thresholds = new double[d][];
        short[][] codes = new short[d][rows.length];
        double[] column = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            double[] sorted = column.clone();
            Arrays.sort(sorted);
            thresholds[j] = cutPoints(sorted, maxBins);
            for (int i = 0; i < rows.length; i++) {
                codes[j][i] = (short) bin(thresholds[j], column[i]);
            }
        }
        return new FeatureBins(thresholds, codes);
    }

    /** Largest number of bins per feature (bin codes are stored as shorts). */
    public static final int MAX_BINS = 4096;

    public int features() {
        return thresholds.length;
    }

    public int rows() {
        return codes.length == 0 ? 0 : codes[0].length;
    }

    /** Number of bins of feature {@code j}: its thresholds plus one. */
    public int bins(int j) {
        return thresholds[j].length + 1;
    }

    /** The value a tree compares against when it splits feature {@code j} after bin {@code b}. */
    public double threshold(int j, int b) {
        return thresholds[j][b];
    }

    /** Bin of training row {@code row} in feature {@code j}. */
    public int code(int j, int row) {
        return codes[j][row];
    }

    private static double[] cutPoints(double[] sorted, int maxBins) {
        double[] cuts = new double[maxBins - 1];
        int count = 0;
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        if (distinct <= maxBins) {
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] != sorted[i - 1]) {
                    cuts[count++] = midpoint(sorted[i - 1], sorted[i]);
                }
            }
        } else {
            for (int q = 1; q < maxBins; q++) {
                int at = (int) ((long) q * sorted.length / maxBins) - 1;
                int next = at + 1;
                while (next < sorted.length && sorted[next] == sorted[at]) {
                    next++;
                }
                if (next < sorted.length) {
                    double cut = midpoint(sorted[at], sorted[next]);
                    if (count == 0 || cut > cuts[count - 1]) {
                        cuts[count++] = cut;
                    }
                }
            }
        }
        return Arrays.copyOf(cuts, count);
    }

    /** Halfway between {@code a < b}, but never {@code b} itself (adjacent doubles), so {@code b} stays on the right. */
    private static double midpoint(double a, double b) {
        double m = a + (b - a) / 2;
        return m < b ? m : a;
    }

    private static int bin(double[] thresholds, double x) {
        int i = Arrays.binarySearch(thresholds, x);
        return i >= 0 ? i : -i - 1;
    }
}
