package dev.seqguard.detect.ml.forest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A grown isolation forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008), every tree in the same flat
 * primitive arrays so that the JSON form stays compact.
 *
 * <p>Nodes are stored in preorder, so an internal node's left child is the next node. Node {@code i} of any tree:
 * {@code feature[i]} is the split feature, or {@code -1} for an external (leaf) node; rows with
 * {@code x[feature[i]] < split[i]} go to node {@code i + 1}, the others to {@code right[i]}; {@code size[i]} is
 * the number of subsample rows that reached the node. Tree {@code t} starts at node {@code roots[t]}.
 *
 * <p>Scoring does not walk these arrays: the constructor builds a {@link ScoringLayout} (complete trees, branch-free
 * walks, leaf path lengths precomputed) that gives the same scores to the last bit. It is built whenever a model is
 * made, so saved models get it on load; it is not part of the saved form.
 *
 * <p>The JSON form is the six properties {@code sampleSize, roots, feature, split, right, size} (this was a record
 * of them; saved models read unchanged). The arrays are not copied: do not modify them.
 */
@JsonPropertyOrder({"sampleSize", "roots", "feature", "split", "right", "size"})
public final class IsolationForestModel {

    private static final int PARALLEL_ROWS = 8192;
    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final double[] AVERAGE_PATH = new double[4097];

    static {
        for (int n = 0; n < AVERAGE_PATH.length; n++) {
            AVERAGE_PATH[n] = computeAveragePath(n);
        }
    }

    private final int sampleSize;
    private final int[] roots;
    private final int[] feature;
    private final double[] split;
    private final int[] right;
    private final int[] size;
    private final ScoringLayout layout;

    /**
     * @param sampleSize the subsample size psi each tree was grown on (after capping at the number of rows)
     */
    @JsonCreator
    public IsolationForestModel(@JsonProperty("sampleSize") int sampleSize, @JsonProperty("roots") int[] roots,
                                @JsonProperty("feature") int[] feature, @JsonProperty("split") double[] split,
                                @JsonProperty("right") int[] right, @JsonProperty("size") int[] size) {
        int nodes = feature.length;
        if (split.length != nodes || right.length != nodes || size.length != nodes) {
            throw new IllegalArgumentException("isolation forest node arrays differ in length");
        }
        for (int i = 0; i < nodes; i++) {
            if (feature[i] >= 0 && (right[i] <= i + 1 || right[i] >= nodes)) {
                throw new IllegalArgumentException("isolation forest node " + i + " has right child " + right[i]
                        + "; preorder needs " + (i + 2) + ".." + (nodes - 1));
            }
        }
        if (roots.length == 0) {
            throw new IllegalArgumentException("isolation forest has no trees");
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("isolation forest sampleSize must be >= 2, got " + sampleSize);
        }
        for (int r : roots) {
            if (r < 0 || r >= nodes) {
                throw new IllegalArgumentException("isolation forest root " + r + " outside 0.." + (nodes - 1));
            }
        }
        this.sampleSize = sampleSize;
        this.roots = roots;
        this.feature = feature;
        this.split = split;
        this.right = right;
        this.size = size;
        this.layout = new ScoringLayout(roots, feature, split, right, size);
    }

    @JsonProperty
    public int sampleSize() {
        return sampleSize;
    }

    @JsonProperty
    public int[] roots() {
        return roots;
    }

    @JsonProperty
    public int[] feature() {
        return feature;
    }

    @JsonProperty
    public double[] split() {
        return split;
    }

    @JsonProperty
    public int[] right() {
        return right;
    }

    @JsonProperty
    public int[] size() {
        return size;
    }

    public int trees() {
        return roots.length;
    }

    /**
     * c(n), the average path length of an unsuccessful search in a binary search tree of n keys: the expected
     * depth still to go below an external node holding n rows, and the normaliser of the score.
     */
    public static double averagePath(int n) {
        return n < AVERAGE_PATH.length ? AVERAGE_PATH[n] : computeAveragePath(n);
    }

    private static double computeAveragePath(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1) / n;
    }

    /** The anomaly score {@code 2^(-E[h(x)] / c(psi))}, in (0, 1]; about 0.5 or less for ordinary rows. */
    public double score(double[] x) {
        return toScore(layout.totalPath(x));
    }

    /**
     * {@link #score(double[])} of every row, identical to scoring them one by one. Rows go through the forest in
     * blocks of {@link ScoringLayout#BLOCK}, tree by tree, so that one tree and one block of rows stay in cache
     * together; large batches spread the blocks over the common fork-join pool (each row's sum still runs over the
     * trees in order, so the result does not depend on the threads).
     */
    public double[] scores(double[][] rows) {
        if (rows.length == 1) {
            return new double[] {score(rows[0])}; // a stream scorer's one row: no block buffer, no stream pipeline
        }
        double[] out = new double[rows.length];
        int block = ScoringLayout.BLOCK;
        int blocks = (rows.length + block - 1) / block;
        if (rows.length < PARALLEL_ROWS) {
            scoreBlocks(rows, 0, blocks, out);
        } else {
            // a chunk of blocks per task keeps the buffers' allocation off the per-block path
            int chunk = 16;
            IntStream.range(0, (blocks + chunk - 1) / chunk).parallel().forEach(c -> scoreBlocks(rows, c * chunk,
                    Math.min(blocks, (c + 1) * chunk), out));
        }
        return out;
    }

    private void scoreBlocks(double[][] rows, int fromBlock, int toBlock, double[] out) {
        int block = ScoringLayout.BLOCK;
        double[] total = new double[block];
        double[] columns = new double[block * layout.width()];
        for (int b = fromBlock; b < toBlock; b++) {
            int from = b * block;
            int to = Math.min(rows.length, from + block);
            layout.totalPaths(rows, from, to, total, columns);
            for (int r = from; r < to; r++) {
                out[r] = toScore(total[r - from]);
            }
        }
    }

    private double toScore(double totalPath) {
        return Math.pow(2, -(totalPath / roots.length) / averagePath(sampleSize));
    }

    /**
     * How much each feature helped isolate {@code x}: in every tree whose path for {@code x} is shorter than the
     * average c(psi), the depth saved is shared equally among the splits on that path, credited to their features;
     * then averaged over trees. Features never split on a short path get 0.
     */
    public double[] featureCredit(double[] x, int dimension) {
        return attribution(x, dimension).credit();
    }

    /**
     * {@link #score(double[])} and {@link #featureCredit} of {@code x} from one walk of the forest (an explanation
     * needs both); each equals its method's result exactly.
     */
    public Attribution attribution(double[] x, int dimension) {
        double[] credit = new double[dimension];
        double total = 0;
        double expected = averagePath(sampleSize);
        int[] path = new int[64];
        for (int root : roots) {
            int node = root;
            int depth = 0;
            int f;
            while ((f = feature[node]) >= 0) {
                if (depth == path.length) {
                    path = Arrays.copyOf(path, depth * 2);
                }
                path[depth++] = f;
                node = x[f] < split[node] ? node + 1 : right[node];
            }
            double h = depth + averagePath(size[node]);
            total += h;
            double saved = expected - h;
            if (saved > 0 && depth > 0) {
                for (int i = 0; i < depth; i++) {
                    credit[path[i]] += saved / depth;
                }
            }
        }
        for (int j = 0; j < dimension; j++) {
            credit[j] /= roots.length;
        }
        return new Attribution(toScore(total), credit);
    }

    /** A row's score and the credit of each feature ({@link #attribution}). */
    public record Attribution(double score, double[] credit) {
    }
}
