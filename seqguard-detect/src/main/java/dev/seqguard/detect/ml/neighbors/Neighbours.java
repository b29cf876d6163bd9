package dev.seqguard.detect.ml.neighbors;

/**
 * Reference points near a query, nearest first.
 *
 * @param index    reference indices
 * @param distance Euclidean distances, ascending, same length as {@code index}
 */
public record Neighbours(int[] index, double[] distance) {
    public Neighbours {
        if (index.length != distance.length) {
            throw new IllegalArgumentException(index.length + " indices but " + distance.length + " distances");
        }
    }

    public int size() {
        return index.length;
    }

    /** The distance to the farthest of these neighbours (the k-distance when there are k). */
    public double farthest() {
        return distance[distance.length - 1];
    }

    public double meanDistance() {
        double s = 0;
        for (double d : distance) {
            s += d;
        }
        return s / distance.length;
    }

    /**
     * Each feature's share of the mean distance from {@code query} to these neighbours in {@code index}'s space:
     * {@code share[j] = mean over neighbours o of (q_j - o_j)^2 / |q - o|}, so the shares sum to the mean distance.
     */
    public double[] distanceShares(double[] query, NeighbourIndex reference) {
        double[] share = new double[query.length];
        for (int n = 0; n < index.length; n++) {
            double d = distance[n];
            if (d > 0) {
                double[] o = reference.point(index[n]);
                for (int j = 0; j < query.length; j++) {
                    double t = query[j] - o[j];
                    share[j] += t * t / d;
                }
            }
        }
        for (int j = 0; j < share.length; j++) {
            share[j] /= index.length;
        }
        return share;
    }
}
