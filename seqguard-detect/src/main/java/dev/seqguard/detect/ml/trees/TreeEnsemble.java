package dev.seqguard.detect.ml.trees;

import dev.seqguard.detect.api.Explanation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Binary decision trees stored node by node in flat arrays, for compact JSON and allocation-free scoring. Node
 * {@code n} of any tree tests {@code x[feature[n]] <= threshold[n]} and continues at {@code left[n]} or
 * {@code right[n]} (indices into the same arrays); a leaf has {@code feature[n] == -1}. Every node, inner or leaf,
 * carries a {@code value}: the tree's prediction had it stopped there. Those inner values give the Saabas path
 * decomposition of a prediction into a bias plus one contribution per feature (Saabas 2014, "Interpreting random
 * forests"; the per-tree form of Lundberg et al. 2018, "Consistent individualized feature attribution for tree
 * ensembles").
 *
 * @param roots     index of each tree's root node
 * @param feature   split feature per node, -1 for leaves
 * @param threshold split threshold per node (0 for leaves)
 * @param left      child for {@code x <= threshold}, -1 for leaves
 * @param right     child for {@code x > threshold}, -1 for leaves
 * @param value     prediction per node
 */
public record TreeEnsemble(int[] roots, int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

    public TreeEnsemble {
        int n = feature.length;
        if (threshold.length != n || left.length != n || right.length != n || value.length != n) {
            throw new IllegalArgumentException("node arrays differ in length");
        }
        for (int r : roots) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("root " + r + " outside 0.." + (n - 1));
            }
        }
    }

    public int trees() {
        return roots.length;
    }

    public int nodes() {
        return feature.length;
    }

    /** The leaf that tree {@code t} routes {@code x} to. */
    public int leaf(int t, double[] x) {
        int n = roots[t];
        while (feature[n] >= 0) {
            n = x[feature[n]] <= threshold[n] ? left[n] : right[n];
        }
        return n;
    }

    /** Sum over trees of the leaf values {@code x} reaches. */
    public double sum(double[] x) {
        double s = 0;
        for (int t = 0; t < roots.length; t++) {
            s += value[leaf(t, x)];
        }
        return s;
    }

    /**
     * Saabas decomposition of {@link #sum}: {@code sum(x) == bias + Σ contributions[j]} (up to rounding), where
     * the bias is the sum of root values and feature {@code j} is credited, at every split on it along the path,
     * with the change in node value that split made.
     *
     * @param contributions filled in, one entry per feature (must have the feature count as length)
     * @return the bias
     */
    public double contributions(double[] x, double[] contributions) {
        Arrays.fill(contributions, 0);
        double bias = 0;
        for (int root : roots) {
            int n = root;
            bias += value[n];
            while (feature[n] >= 0) {
                int child = x[feature[n]] <= threshold[n] ? left[n] : right[n];
                contributions[feature[n]] += value[child] - value[n];
                n = child;
            }
        }
        return bias;
    }

    /**
     * The Saabas contributions of {@code x}, times {@code factor} (e.g. {@code 1/trees} for an average), as an
     * explanation of {@code score}: features whose splits on the path moved the prediction, largest push towards
     * "anomalous" first; features never split on along the path are left out.
     */
    public Explanation explain(double score, double[] x, List<String> names, double factor) {
        double[] c = new double[names.size()];
        contributions(x, c);
        List<Explanation.Contribution> out = new ArrayList<>();
        for (int j = 0; j < c.length; j++) {
            if (c[j] != 0) {
                out.add(new Explanation.Contribution(names.get(j), x[j], c[j] * factor));
            }
        }
        out.sort(Comparator.comparingDouble(Explanation.Contribution::weight).reversed());
        return new Explanation(score, out);
    }

    /** Collects trees node by node; {@link #add} returns the new node's index for linking children. */
    public static final class Builder {
        private final IntList roots = new IntList();
        private final IntList feature = new IntList();
        private final IntList left = new IntList();
        private final IntList right = new IntList();
        private double[] threshold = new double[64];
        private double[] value = new double[64];

        /** Adds a leaf node (turn it into a split with {@link #split}). */
        public int add(double nodeValue) {
            int n = feature.size();
            feature.add(-1);
            left.add(-1);
            right.add(-1);
            if (n == threshold.length) {
                threshold = Arrays.copyOf(threshold, 2 * n);
                value = Arrays.copyOf(value, 2 * n);
            }
            threshold[n] = 0;
            value[n] = nodeValue;
            return n;
        }

        public void split(int node, int splitFeature, double splitThreshold, int leftChild, int rightChild) {
            feature.set(node, splitFeature);
            threshold[node] = splitThreshold;
            left.set(node, leftChild);
            right.set(node, rightChild);
        }

        /** Marks {@code node} as the root of the next tree. */
        public void root(int node) {
            roots.add(node);
        }

        /** Multiplies the values of nodes {@code from..} (one tree's nodes), e.g. by a learning rate. */
        public void scale(int from, double factor) {
            for (int n = from; n < feature.size(); n++) {
                value[n] *= factor;
            }
        }

        public int size() {
            return feature.size();
        }

        /** The leaf value the tree rooted at {@code root} (already added) gives {@code x}. */
        public double predict(int root, double[] x) {
            int n = root;
            while (feature.get(n) >= 0) {
                n = x[feature.get(n)] <= threshold[n] ? left.get(n) : right.get(n);
            }
            return value[n];
        }

        public TreeEnsemble build() {
            int n = feature.size();
            return new TreeEnsemble(roots.toArray(), feature.toArray(), Arrays.copyOf(threshold, n), left.toArray(),
                    right.toArray(), Arrays.copyOf(value, n));
        }
    }

    private static final class IntList {
        private int[] a = new int[64];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, 2 * size);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int v) {
            a[i] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
