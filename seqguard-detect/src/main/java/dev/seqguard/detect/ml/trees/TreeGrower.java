package dev.seqguard.detect.ml.trees;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one binary tree on binned rows, depth first. Every row {@code i} brings a gradient-like target
 * {@code g[i]}, a split weight {@code w[i]} and a value weight {@code h[i]}; a node holding rows {@code R} has
 * value {@code Σg / Σh}, and a split of {@code R} into {@code L, R'} is scored by the weighted least-squares
 * reduction {@code G_L²/W_L + G_R²/W_R − G²/W} (sums of {@code g} and {@code w} over the rows).
 *
 * <p>One grower serves both ensembles:
 * <ul>
 *   <li>Classification forest: {@code g = w·y}, {@code h = w} with {@code y ∈ {0,1}}. The node value is then the
 *       weighted anomaly fraction {@code p}, and the least-squares reduction equals half the decrease of the
 *       weighted Gini impurity {@code W·2p(1−p)} (for 0/1 targets {@code Σw·y² = Σw·y}), so this is CART's Gini
 *       split (Breiman 2001).</li>
 *   <li>Gradient boosting with logistic loss: {@code g = w·(y − p)}, {@code h = w·p(1−p)}. Splits fit the
 *       pseudo-residuals by least squares and node values are one Newton step, Friedman's TreeBoost
 *       (Friedman 2001, "Greedy function approximation", algorithm 5).</li>
 * </ul>
 *
 * @param maxDepth         depth limit, the root being depth 0
 * @param minSamplesLeaf   fewest rows either child of a split may get
 * @param featuresPerSplit features drawn at random per node (all when ≥ the feature count); when none of them
 *                         splits, the remaining features are tried in random order until one does
 */
public record TreeGrower(int maxDepth, int minSamplesLeaf, int featuresPerSplit) {

    /** Gains below this are rounding noise, not structure. */
    private static final double MIN_GAIN = 1e-12;

    public TreeGrower {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must be >= 0, got " + maxDepth);
        }
        if (minSamplesLeaf < 1) {
            throw new IllegalArgumentException("minSamplesLeaf must be >= 1, got " + minSamplesLeaf);
        }
        if (featuresPerSplit < 1) {
            throw new IllegalArgumentException("featuresPerSplit must be >= 1, got " + featuresPerSplit);
        }
    }

    /**
     * Grows a tree on the given rows and appends it to {@code out}.
     *
     * @param rows indices into the binned rows; the array is reordered in place
     * @return the index of the new tree's root node in {@code out}
     */
    public int grow(FeatureBins bins, int[] rows, double[] g, double[] w, double[] h, SplittableRandom random,
                    TreeEnsemble.Builder out) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot grow a tree on zero rows");
        }
        Growth growth = new Growth(bins, rows, g, w, h, random, out);
        int root = growth.node(0, rows.length, 0);
        out.root(root);
        return root;
    }

    private final class Growth {
        private final FeatureBins bins;
        private final int[] rows;
        private final double[] g;
        private final double[] w;
        private final double[] h;
        private final SplittableRandom random;
        private final TreeEnsemble.Builder out;
        private final int[] order;
        private final double[] histG;
        private final double[] histW;
        private final int[] histN;

        Growth(FeatureBins bins, int[] rows, double[] g, double[] w, double[] h, SplittableRandom random,
               TreeEnsemble.Builder out) {
            this.bins = bins;
            this.rows = rows;
            this.g = g;
            this.w = w;
            this.h = h;
            this.random = random;
            this.out = out;
            this.order = new int[bins.features()];
            int maxBins = 1;
            for (int j = 0; j < bins.features(); j++) {
                maxBins = Math.max(maxBins, bins.bins(j));
            }
            histG = new double[maxBins];
            histW = new double[maxBins];
            histN = new int[maxBins];
        }

        /** Builds the subtree for rows[lo, hi) and returns its node index. */
        int node(int lo, int hi, int depth) {
            double sumG = 0;
            double sumW = 0;
            double sumH = 0;
            for (int k = lo; k < hi; k++) {
                int r = rows[k];
                sumG += g[r];
                sumW += w[r];
                sumH += h[r];
            }
            int node = out.add(sumH > 1e-300 ? sumG / sumH : 0);
            if (depth >= maxDepth || hi - lo < 2 * minSamplesLeaf || !(sumW > 0)) {
                return node;
            }
            Split best = bestSplit(lo, hi, sumG, sumW);
            if (best == null) {
                return node;
            }
            int mid = partition(lo, hi, best.feature, best.bin);
            int left = node(lo, mid, depth + 1);
            int right = node(mid, hi, depth + 1);
            out.split(node, best.feature, bins.threshold(best.feature, best.bin), left, right);
            return node;
        }

        private Split bestSplit(int lo, int hi, double sumG, double sumW) {
            int d = order.length;
            for (int j = 0; j < d; j++) {
                order[j] = j;
            }
            double parent = sumG * sumG / sumW;
            Split best = null;
            for (int k = 0; k < d; k++) {
                if (k >= featuresPerSplit && best != null) {
                    break;
                }
                int pick = k + random.nextInt(d - k);
                int j = order[pick];
                order[pick] = order[k];
                order[k] = j;
                Split s = bestSplitOn(j, lo, hi, sumG, sumW, parent);
                if (s != null && (best == null || s.gain > best.gain)) {
                    best = s;
                }
            }
            return best;
        }

        private Split bestSplitOn(int j, int lo, int hi, double sumG, double sumW, double parent) {
            int nb = bins.bins(j);
            if (nb < 2) {
                return null;
            }
            Arrays.fill(histG, 0, nb, 0);
            Arrays.fill(histW, 0, nb, 0);
            Arrays.fill(histN, 0, nb, 0);
            for (int k = lo; k < hi; k++) {
                int r = rows[k];
                int b = bins.code(j, r);
                histG[b] += g[r];
                histW[b] += w[r];
                histN[b]++;
            }
            int n = hi - lo;
            double leftG = 0;
            double leftW = 0;
            int leftN = 0;
            Split best = null;
            for (int b = 0; b < nb - 1; b++) {
                leftG += histG[b];
                leftW += histW[b];
                leftN += histN[b];
                if (histN[b] == 0 || leftN < minSamplesLeaf) {
                    continue;
                }
                if (n - leftN < minSamplesLeaf) {
                    break;
                }
                double rightG = sumG - leftG;
                double rightW = sumW - leftW;
                if (!(leftW > 0) || !(rightW > 0)) {
                    continue;
                }
                double gain = leftG * leftG / leftW + rightG * rightG / rightW - parent;
                if (gain > MIN_GAIN && (best == null || gain > best.gain)) {
                    best = new Split(j, b, gain);
                }
            }
            return best;
        }

        /** Moves rows with bin <= {@code bin} in {@code feature} to the front of [lo, hi); returns the boundary. */
        private int partition(int lo, int hi, int feature, int bin) {
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (bins.code(feature, rows[i]) <= bin) {
                    i++;
                } else {
                    int t = rows[i];
                    rows[i] = rows[j];
                    rows[j] = t;
                    j--;
                }
            }
            return i;
        }
    }

    private record Split(int feature, int bin, double gain) {
    }
}
