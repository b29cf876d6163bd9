package dev.seqguard.core.util;

import java.util.function.IntPredicate;

/** Binary searches in sorted arrays, and the mid-rank percentile they give. */
public final class Sorted {
    private Sorted() {
    }

    /**
     * The first index of {@code [0, length)} where {@code reached} holds, for a {@code reached} that is false and then
     * true along the range ({@code length} when it never holds).
     */
    public static int partitionPoint(int length, IntPredicate reached) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (reached.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Index of the first of the sorted {@code a} that is {@code >= x} ({@code a.length} when none is). */
    public static int lowerBound(double[] a, double x) {
        return partitionPoint(a.length, i -> !(a[i] < x));
    }

    /** Index of the first of the sorted {@code a} that is {@code > x} ({@code a.length} when none is). */
    public static int upperBound(double[] a, double x) {
        return partitionPoint(a.length, i -> !(a[i] <= x));
    }

    /** Index of the first of the sorted {@code a[0..length)} that is {@code >= x}. */
    public static int lowerBound(long[] a, int length, double x) {
        return partitionPoint(length, i -> !(a[i] < x));
    }

    /** Index of the first of the sorted {@code a[0..length)} that is {@code > x}. */
    public static int upperBound(long[] a, int length, double x) {
        return partitionPoint(length, i -> !(a[i] <= x));
    }

    /** The share of the sorted {@code a} below {@code x}, values equal to {@code x} counted half, in [0, 1]. */
    public static double midRank(double[] a, double x) {
        int below = lowerBound(a, x);
        int upTo = upperBound(a, x);
        return (below + (upTo - below) / 2.0) / a.length;
    }
}
