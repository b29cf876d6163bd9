package dev.seqguard.detect.ml.neighbors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Exact Euclidean k-nearest-neighbour search over a fixed reference set, with a k-d tree (Friedman, Bentley and
 * Finkel, "An Algorithm for Finding Best Matches in Logarithmic Expected Time", ACM TOMS 1977) whose cells are
 * pruned by the incremental box distance of Arya and Mount (SODA 1993). Points live in one flat array in tree
 * order, each leaf's values stored column by column (value {@code j} of the leaf's {@code p}-th point at
 * {@code j * leafSize + p}), so a leaf scan computes all its squared distances at once in loops the JIT turns into
 * vector instructions, abandoning the leaf when every partial distance already exceeds the current bound. Each
 * squared distance is still summed over the dimensions in order, so distances are the same doubles as a scalar
 * sum's.
 *
 * <p>Results are exact and unique: neighbours are ordered by (distance, reference index), so ties resolve the
 * same way whatever the traversal, and a query's answer depends only on the query and the reference set.
 *
 * <p>Serialises as its reference points only; the tree is rebuilt, deterministically, when read.
 */
public final class NeighbourIndex {

    private static final int LEAF_SIZE = 32;
    /** Dimensions between two checks, in a leaf scan, of whether any point of the leaf can still qualify. */
    private static final int ABANDON_STRIDE = 4;

    private final double[][] points;
    private final int dimension;
    private final double[] coords;
    private final int[] order;
    private final int[] splitDim;
    private final double[] splitValue;
    private final int[] start;
    private final int[] end;
    private final int[] left;
    private final int[] right;
    private final int[] lookup;
    private int nodes;
    private int maxLeaf;

    /** @param points the reference set, at least one point, all of the same width; not copied, do not modify */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public NeighbourIndex(double[][] points) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException("a neighbour index needs at least one reference point");
        }
        this.points = points;
        this.dimension = points[0].length;
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != dimension) {
                throw new IllegalArgumentException("reference point " + i + " has " + points[i].length
                        + " values, expected " + dimension);
            }
        }
        int n = points.length;
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int capacity = 2 * n;
        splitDim = new int[capacity];
        splitValue = new double[capacity];
        start = new int[capacity];
        end = new int[capacity];
        left = new int[capacity];
        right = new int[capacity];
        build(0, n);
        coords = new double[n * dimension];
        for (int node = 0; node < nodes; node++) {
            if (left[node] < 0) {
                int lo = start[node];
                int len = end[node] - lo;
                maxLeaf = Math.max(maxLeaf, len);
                for (int p = 0; p < len; p++) {
                    double[] x = points[order[lo + p]];
                    for (int j = 0; j < dimension; j++) {
                        coords[lo * dimension + j * len + p] = x[j];
                    }
                }
            }
        }
        lookup = new int[Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1];
        Arrays.fill(lookup, -1);
        for (int i = 0; i < n; i++) {
            int slot = slotOf(points[i]);
            if (lookup[slot] < 0) {
                lookup[slot] = i;
            }
        }
    }

    /**
     * The lowest index of a reference point with exactly the coordinates of {@code query} (same bits), or -1. Lets
     * a detector reuse what it computed for that point at fit time: its neighbourhood, and so its score, is the
     * query's.
     */
    public int indexOf(double[] query) {
        if (query.length != dimension) {
            return -1;
        }
        return lookup[slotOf(query)];
    }

    /** Open addressing with linear probing: the slot holding {@code p}'s coordinates, or the empty one for them. */
    private int slotOf(double[] p) {
        int h = Arrays.hashCode(p);
        int mask = lookup.length - 1;
        int slot = (h ^ (h >>> 16)) * 0x9E3779B9 >>> 7 & mask;
        while (lookup[slot] >= 0 && !Arrays.equals(points[lookup[slot]], p)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The reference points, in their original order (the JSON form). */
    @JsonValue
    public double[][] points() {
        return points;
    }

    public int size() {
        return points.length;
    }

    public int dimension() {
        return dimension;
    }

    public double[] point(int index) {
        return points[index];
    }

    /**
     * The {@code m} reference points nearest to {@code query}, nearest first; among equally distant points the
     * lower reference index wins.
     *
     * @throws IllegalArgumentException if {@code m} is not in 1..size() or the query has the wrong width
     */
    public Neighbours nearest(double[] query, int m) {
        return search(query, m, false);
    }

    /**
     * The {@code m} nearest reference points and every further one exactly as far as the m-th: the
     * k-distance neighbourhood of Breunig et al. (2000), which may hold more than {@code m} points when distances tie.
     */
    public Neighbours nearestWithTies(double[] query, int m) {
        return search(query, m, true);
    }

    /**
     * The neighbourhood of {@code query} under ELKI's convention (KNNOutlier, LOF: "k nearest neighbours, not
     * including the query point"): the {@code k + 1} nearest reference points with the nearest one dropped, because
     * that slot is the query itself when the query is a reference point. Applying the same rule to every query
     * keeps a row's score a function of the row alone (batch = single), and reproduces ELKI's scores on the
     * reference set.
     *
     * @param withTies also keep the points tied with the (k+1)-th, as LOF's k-distance neighbourhood does
     */
    public Neighbours neighbourhood(double[] query, int k, boolean withTies) {
        return search(query, k + 1, withTies, 1);
    }

    /**
     * {@link #neighbourhood} of every reference point, element {@code i} for point {@code i}: the same lists, found
     * in tree order (a query's neighbours are then mostly the previous query's, in cache) with one search state.
     */
    public Neighbours[] neighbourhoods(int k, boolean withTies) {
        int m = k + 1;
        if (m < 1 || m > points.length) {
            throw new IllegalArgumentException("asked for " + m + " neighbours among " + points.length
                    + " reference points");
        }
        Neighbours[] all = new Neighbours[points.length];
        Search s = new Search(null, m, withTies);
        for (int p = 0; p < points.length; p++) {
            int i = order[p];
            s.reset(points[i]);
            s.visit(0, 0.0);
            all[i] = s.result(1);
        }
        return all;
    }

    private Neighbours search(double[] query, int m, boolean withTies) {
        return search(query, m, withTies, 0);
    }

    /** The search, returning the list without its first {@code skip} entries. */
    private Neighbours search(double[] query, int m, boolean withTies, int skip) {
        if (m < 1 || m > points.length) {
            throw new IllegalArgumentException("asked for " + m + " neighbours among " + points.length
                    + " reference points");
        }
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " values, the index has " + dimension);
        }
        Search s = new Search(query, m, withTies);
        s.visit(0, 0.0);
        return s.result(skip);
    }

    private int build(int lo, int hi) {
        int node = nodes++;
        start[node] = lo;
        end[node] = hi;
        left[node] = -1;
        right[node] = -1;
        if (hi - lo <= LEAF_SIZE) {
            return node;
        }
        int dim = widestDimension(lo, hi);
        if (dim < 0) {
            return node;
        }
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, dim);
        splitDim[node] = dim;
        splitValue[node] = points[order[mid]][dim];
        left[node] = build(lo, mid);
        right[node] = build(mid, hi);
        return node;
    }

    /** The dimension with the largest range over order[lo, hi), or -1 if all those points coincide. */
    private int widestDimension(int lo, int hi) {
        int best = -1;
        double bestSpread = 0;
        for (int j = 0; j < dimension; j++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i++) {
                double v = points[order[i]][j];
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            if (mx - mn > bestSpread) {
                bestSpread = mx - mn;
                best = j;
            }
        }
        return best;
    }

    /**
     * Quickselect on order[lo..hi] by coordinate {@code dim}: afterwards order[k] holds the k-th smallest, with no
     * larger value before it and no smaller one after it.
     */
    private void select(int lo, int hi, int k, int dim) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = median(value(lo, dim), value(mid, dim), value(hi, dim));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (value(i, dim) < pivot) {
                    i++;
                }
                while (value(j, dim) > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private double value(int position, int dim) {
        return points[order[position]][dim];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** Strict total order of candidates: by distance, then by reference index. */
    private static boolean before(double d1, int i1, double d2, int i2) {
        return d1 < d2 || (d1 == d2 && i1 < i2);
    }

    /**
     * One query's state: the running best list, sorted by (squared distance, index), holding the m best and, when
     * ties are kept, any others as close as the m-th; and the per-dimension offsets from the query to the cell.
     */
    private final class Search {
        private double[] q;
        private final double[] offset;
        private final double[] partial;
        private final int m;
        private final boolean withTies;
        private double[] bestDist;
        private int[] bestIndex;
        private int count;

        Search(double[] q, int m, boolean withTies) {
            this.q = q;
            this.m = m;
            this.withTies = withTies;
            this.offset = new double[dimension];
            this.partial = new double[maxLeaf];
            this.bestDist = new double[m + 1];
            this.bestIndex = new int[m + 1];
        }

        /** Starts a new query; the offsets are back to 0 after every visit. */
        void reset(double[] query) {
            q = query;
            count = 0;
        }

        /** Squared distance beyond which nothing can enter the list. */
        private double limit() {
            return count < m ? Double.POSITIVE_INFINITY : bestDist[m - 1];
        }

        void visit(int node, double boxDistance) {
            if (left[node] < 0) {
                scan(start[node], end[node]);
                return;
            }
            int dim = splitDim[node];
            double diff = q[dim] - splitValue[node];
            int near = diff < 0 ? left[node] : right[node];
            int far = diff < 0 ? right[node] : left[node];
            visit(near, boxDistance);
            double old = offset[dim];
            double farDistance = boxDistance - old * old + diff * diff;
            if (farDistance <= limit()) {
                offset[dim] = diff;
                visit(far, farDistance);
                offset[dim] = old;
            }
        }

        private void scan(int lo, int hi) {
            int d = dimension;
            int len = hi - lo;
            double[] acc = partial;
            double[] c = coords;
            java.util.Arrays.fill(acc, 0, len, 0.0);
            int base = lo * d;
            for (int j = 0; j < d; j++) {
                double qj = q[j];
                int off = base + j * len;
                for (int p = 0; p < len; p++) {
                    double t = qj - c[off + p];
                    acc[p] += t * t;
                }
                if (j % ABANDON_STRIDE == ABANDON_STRIDE - 1 && j + 1 < d && noneWithin(acc, len, limit())) {
                    return;
                }
            }
            for (int p = 0; p < len; p++) {
                if (acc[p] <= limit()) {
                    offer(acc[p], order[lo + p]);
                }
            }
        }

        /** Whether every partial distance already exceeds {@code limit} (sums only grow). */
        private static boolean noneWithin(double[] acc, int len, double limit) {
            for (int p = 0; p < len; p++) {
                if (acc[p] <= limit) {
                    return false;
                }
            }
            return true;
        }

        private void offer(double dist, int index) {
            if (count >= m) {
                double worst = bestDist[m - 1];
                if (dist > worst || (!withTies && dist == worst && index > bestIndex[m - 1])) {
                    return;
                }
            }
            if (count == bestDist.length) {
                bestDist = Arrays.copyOf(bestDist, count * 2);
                bestIndex = Arrays.copyOf(bestIndex, count * 2);
            }
            int i = count++;
            while (i > 0 && before(dist, index, bestDist[i - 1], bestIndex[i - 1])) {
                bestDist[i] = bestDist[i - 1];
                bestIndex[i] = bestIndex[i - 1];
                i--;
            }
            bestDist[i] = dist;
            bestIndex[i] = index;
            if (count > m) {
                if (!withTies) {
                    count = m;
                } else {
                    double worst = bestDist[m - 1];
                    while (bestDist[count - 1] > worst) {
                        count--;
                    }
                }
            }
        }

        Neighbours result(int skip) {
            double[] dist = new double[count - skip];
            for (int i = 0; i < dist.length; i++) {
                dist[i] = Math.sqrt(bestDist[i + skip]);
            }
            return new Neighbours(Arrays.copyOfRange(bestIndex, skip, count), dist);
        }
    }
}
