package dev.seqguard.detect.ml.forest;

/**
 * The scoring form of an {@link IsolationForestModel}, built from its preorder node arrays when the model is
 * created (so every saved model gets it on load) and never saved.
 *
 * <p>When every tree is at most {@link #MAX_IMPLICIT_DEPTH} deep (the default height limit is 8), each tree is laid
 * out as a complete binary tree of its own depth {@code D}, all trees one after another: internal node {@code i}
 * has children {@code 2i + 1} and {@code 2i + 2}, and a walk is exactly {@code D} steps of
 * {@code i = 2i + 1 + (x[f] < t ? 0 : 1)} with no data-dependent branch, ending in a table of the {@code 2^D} leaf
 * path lengths {@code depth + c(size)}. A leaf the grower stopped above depth {@code D} is padded: the nodes below
 * it split anywhere and every leaf slot under it holds its path length, so wherever a row goes it reads the same
 * value. Path lengths are the same doubles as the preorder walk's, and they are summed per row over the trees in
 * the same order, so scores are bit-for-bit those of the preorder walk.
 *
 * <p>Deeper forests (a large subsample or an explicit height limit) would not fit a complete layout; they are walked
 * in preorder, with the leaf path lengths precomputed.
 */
final class ScoringLayout {

    /** Deepest tree laid out as a complete tree: 2^10 leaves, 20 KB per tree. */
    static final int MAX_IMPLICIT_DEPTH = 10;
    /** Rows per block of batch scoring: a transposed block of 64 rows of d values is 512 d bytes. */
    static final int BLOCK = 64;

    private final int trees;
    private final int width;
    private final boolean implicit;
    // complete layout: per tree its depth and offsets into the node and leaf arrays
    private final int[] depth;
    private final int[] nodeStart;
    private final int[] leafStart;
    private final int[] nodeFeature;
    /** {@code nodeFeature * BLOCK}: where the node's feature column starts in a transposed block. */
    private final int[] nodeColumn;
    private final double[] nodeSplit;
    private final double[] leafPath;
    // preorder fallback
    private final int[] roots;
    private final int[] feature;
    private final double[] split;
    private final int[] right;
    private final double[] pathAt;

    ScoringLayout(int[] roots, int[] feature, double[] split, int[] right, int[] size) {
        this.trees = roots.length;
        this.roots = roots;
        this.feature = feature;
        this.split = split;
        this.right = right;
        this.pathAt = new double[feature.length];
        int[] nodeDepth = new int[feature.length];
        int maxDepth = 0;
        this.depth = new int[trees];
        for (int t = 0; t < trees; t++) {
            depth[t] = fillDepths(roots[t], nodeDepth, size);
            maxDepth = Math.max(maxDepth, depth[t]);
        }
        int maxFeature = -1;
        for (int f : feature) {
            maxFeature = Math.max(maxFeature, f);
        }
        this.width = maxFeature + 1;
        this.implicit = maxDepth <= MAX_IMPLICIT_DEPTH;
        if (!implicit) {
            nodeStart = leafStart = nodeFeature = nodeColumn = null;
            nodeSplit = leafPath = null;
            return;
        }
        nodeStart = new int[trees];
        leafStart = new int[trees];
        int nodes = 0;
        int leaves = 0;
        for (int t = 0; t < trees; t++) {
            nodeStart[t] = nodes;
            leafStart[t] = leaves;
            nodes += (1 << depth[t]) - 1;
            leaves += 1 << depth[t];
        }
        nodeFeature = new int[nodes];
        nodeSplit = new double[nodes];
        leafPath = new double[leaves];
        for (int t = 0; t < trees; t++) {
            place(t, roots[t], 0, 0);
        }
        nodeColumn = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            nodeColumn[i] = nodeFeature[i] * BLOCK;
        }
    }

    /** Depth of the subtree at {@code root}, filling {@code pathAt} for its leaves on the way. */
    private int fillDepths(int root, int[] nodeDepth, int[] size) {
        int deepest = 0;
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = root;
        nodeDepth[root] = 0;
        while (top > 0) {
            int node = stack[--top];
            int d = nodeDepth[node];
            if (feature[node] < 0) {
                pathAt[node] = d + IsolationForestModel.averagePath(size[node]);
                deepest = Math.max(deepest, d);
                continue;
            }
            if (top + 2 > stack.length) {
                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            }
            nodeDepth[node + 1] = d + 1;
            nodeDepth[right[node]] = d + 1;
            stack[top++] = node + 1;
            stack[top++] = right[node];
        }
        return deepest;
    }

    /** Puts preorder {@code node} at complete-layout position {@code pos} (level {@code level}) of tree {@code t}. */
    private void place(int t, int node, int pos, int level) {
        int d = depth[t];
        if (level == d) {
            leafPath[leafStart[t] + pos - ((1 << d) - 1)] = pathAt[node];
            return;
        }
        if (feature[node] < 0) {
            // a leaf above the tree's depth: every slot below it holds its path length
            int span = 1 << (d - level);
            int first = ((pos + 1) << (d - level)) - 1 - ((1 << d) - 1);
            java.util.Arrays.fill(leafPath, leafStart[t] + first, leafStart[t] + first + span, pathAt[node]);
            return;
        }
        nodeFeature[nodeStart[t] + pos] = feature[node];
        nodeSplit[nodeStart[t] + pos] = split[node];
        place(t, node + 1, 2 * pos + 1, level + 1);
        place(t, right[node], 2 * pos + 2, level + 1);
    }

    /** One more than the highest feature split on: the values of a row the walk reads. */
    int width() {
        return width;
    }

    /** The sum over trees, in order, of the path length of {@code x}. */
    double totalPath(double[] x) {
        double total = 0;
        if (implicit) {
            for (int t = 0; t < trees; t++) {
                int base = nodeStart[t];
                int d = depth[t];
                int i = 0;
                for (int level = 0; level < d; level++) {
                    i = 2 * i + (x[nodeFeature[base + i]] < nodeSplit[base + i] ? 1 : 2);
                }
                total += leafPath[leafStart[t] + i - ((1 << d) - 1)];
            }
        } else {
            for (int root : roots) {
                int node = root;
                int f;
                while ((f = feature[node]) >= 0) {
                    node = x[f] < split[node] ? node + 1 : right[node];
                }
                total += pathAt[node];
            }
        }
        return total;
    }

    /**
     * Fills {@code total[0, to - from)} with the total path length of rows {@code from..to-1}, at most
     * {@link #BLOCK} of them: the block's first {@link #width()} values are transposed once into {@code columns}
     * (value {@code j} of row {@code r} at {@code j * BLOCK + r}, at least {@code width() * BLOCK} long) and walked through one tree at a time, four
     * rows abreast so that their independent walks overlap in the processor.
     */
    void totalPaths(double[][] rows, int from, int to, double[] total, double[] columns) {
        int n = to - from;
        if (!implicit) {
            for (int r = 0; r < n; r++) {
                total[r] = totalPath(rows[from + r]);
            }
            return;
        }
        for (int r = 0; r < n; r++) {
            double[] x = rows[from + r];
            for (int j = 0; j < width; j++) {
                columns[j * BLOCK + r] = x[j];
            }
            total[r] = 0;
        }
        int[] f = nodeColumn;
        double[] s = nodeSplit;
        for (int t = 0; t < trees; t++) {
            int base = nodeStart[t];
            int d = depth[t];
            int leaves = leafStart[t] - ((1 << d) - 1);
            int r = 0;
            for (; r + 8 <= n; r += 8) {
                int i0 = 0;
                int i1 = 0;
                int i2 = 0;
                int i3 = 0;
                int i4 = 0;
                int i5 = 0;
                int i6 = 0;
                int i7 = 0;
                for (int level = 0; level < d; level++) {
                    i0 = 2 * i0 + (columns[f[base + i0] + r] < s[base + i0] ? 1 : 2);
                    i1 = 2 * i1 + (columns[f[base + i1] + r + 1] < s[base + i1] ? 1 : 2);
                    i2 = 2 * i2 + (columns[f[base + i2] + r + 2] < s[base + i2] ? 1 : 2);
                    i3 = 2 * i3 + (columns[f[base + i3] + r + 3] < s[base + i3] ? 1 : 2);
                    i4 = 2 * i4 + (columns[f[base + i4] + r + 4] < s[base + i4] ? 1 : 2);
                    i5 = 2 * i5 + (columns[f[base + i5] + r + 5] < s[base + i5] ? 1 : 2);
                    i6 = 2 * i6 + (columns[f[base + i6] + r + 6] < s[base + i6] ? 1 : 2);
                    i7 = 2 * i7 + (columns[f[base + i7] + r + 7] < s[base + i7] ? 1 : 2);
                }
                total[r] += leafPath[leaves + i0];
                total[r + 1] += leafPath[leaves + i1];
                total[r + 2] += leafPath[leaves + i2];
                total[r + 3] += leafPath[leaves + i3];
                total[r + 4] += leafPath[leaves + i4];
                total[r + 5] += leafPath[leaves + i5];
                total[r + 6] += leafPath[leaves + i6];
                total[r + 7] += leafPath[leaves + i7];
            }
            for (; r < n; r++) {
                int i = 0;
                for (int level = 0; level < d; level++) {
                    i = 2 * i + (columns[f[base + i] + r] < s[base + i] ? 1 : 2);
                }
                total[r] += leafPath[leaves + i];
            }
        }
    }
}
