package dev.seqguard.detect.ml.forest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows an {@link IsolationForestModel}: each tree on its own subsample of psi rows drawn without replacement,
 * each internal node splitting a uniformly chosen non-constant feature at a uniform point between the node's
 * minimum and maximum, until the node holds one row or the height limit is reached (Liu, Ting and Zhou 2008,
 * Algorithms 1 and 2).
 */
public final class IsolationForestGrower {

    private final double[][] rows;
    private final int dimension;
    private final int maxDepth;
    private final SplittableRandom random;

    private int[] feature;
    private double[] split;
    private int[] right;
    private int[] size;
    private int nodes;
    private final int[] sample;
    private final double[] min;
    private final double[] max;
    private final int[] candidates;

    private IsolationForestGrower(double[][] rows, int sampleSize, int maxDepth, long seed) {
        this.rows = rows;
        this.dimension = rows[0].length;
        this.maxDepth = maxDepth;
        this.random = new SplittableRandom(seed);
        this.sample = new int[sampleSize];
        this.min = new double[dimension];
        this.max = new double[dimension];
        this.candidates = new int[dimension];
    }

    /**
     * @param rows       training rows, all of the same width, finite
     * @param trees      number of trees
     * @param subsample  psi; capped at the number of rows
     * @param maxDepth   height limit; {@code 0} for the paper's {@code ceil(log2 psi)}
     * @param seed       seed for the subsamples and splits
     */
    public static IsolationForestModel grow(double[][] rows, int trees, int subsample, int maxDepth, long seed) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("an isolation forest needs at least 2 rows, got " + rows.length);
        }
        int psi = Math.min(subsample, rows.length);
        int limit = maxDepth > 0 ? maxDepth : heightLimit(psi);
        IsolationForestGrower g = new IsolationForestGrower(rows, psi, limit, seed);
        long maxNodesPerTree = Math.min(2L * psi - 1, (1L << Math.min(limit + 1, 62)) - 1);
        g.allocate((int) Math.min(Integer.MAX_VALUE - 8, trees * maxNodesPerTree));
        int[] roots = new int[trees];
        int[] permutation = new int[rows.length];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        for (int t = 0; t < trees; t++) {
            // partial Fisher-Yates: the first psi entries become a uniform sample without replacement
            for (int i = 0; i < psi; i++) {
                int j = i + g.random.nextInt(permutation.length - i);
                int tmp = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = tmp;
                g.sample[i] = permutation[i];
            }
            roots[t] = g.growNode(0, psi, 0);
        }
        return new IsolationForestModel(psi, roots, Arrays.copyOf(g.feature, g.nodes), Arrays.copyOf(g.split, g.nodes),
                Arrays.copyOf(g.right, g.nodes), Arrays.copyOf(g.size, g.nodes));
    }

    /** The paper's height limit {@code ceil(log2 psi)}, the average tree height. */
    public static int heightLimit(int psi) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(psi - 1));
    }

    private void allocate(int capacity) {
        feature = new int[capacity];
        split = new double[capacity];
        right = new int[capacity];
        size = new int[capacity];
    }

    private int growNode(int lo, int hi, int depth) {
        int node = nodes++;
        size[node] = hi - lo;
        feature[node] = -1;
        right[node] = -1;
        if (depth >= maxDepth || hi - lo <= 1) {
            return node;
        }
        int f = pickSplittableFeature(lo, hi);
        if (f < 0) {
            return node;
        }
        double lower = min[f];
        double upper = max[f];
        // uniform in (lower, upper], so that both sides get at least one row
        double s = upper - random.nextDouble() * (upper - lower);
        if (!(s > lower)) {
            s = upper;
        }
        int mid = partition(lo, hi, f, s);
        feature[node] = f;
        split[node] = s;
        growNode(lo, mid, depth + 1); // preorder: the left child is node + 1
        right[node] = growNode(mid, hi, depth + 1);
        return node;
    }

    /** A feature chosen uniformly among those not constant on the node's rows; -1 if all are constant. */
    private int pickSplittableFeature(int lo, int hi) {
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = lo; i < hi; i++) {
            double[] r = rows[sample[i]];
            for (int j = 0; j < dimension; j++) {
                double v = r[j];
                if (v < min[j]) {
                    min[j] = v;
                }
                if (v > max[j]) {
                    max[j] = v;
                }
            }
        }
        int count = 0;
        for (int j = 0; j < dimension; j++) {
            if (max[j] > min[j]) {
                candidates[count++] = j;
            }
        }
        return count == 0 ? -1 : candidates[random.nextInt(count)];
    }

    /** Reorders sample[lo, hi) so rows below {@code s} on feature {@code f} come first; returns their end. */
    private int partition(int lo, int hi, int f, double s) {
        int i = lo;
        int j = hi - 1;
        while (i <= j) {
            if (rows[sample[i]][f] < s) {
                i++;
            } else {
                int tmp = sample[i];
                sample[i] = sample[j];
                sample[j] = tmp;
                j--;
            }
        }
        return i;
    }
}
