package dev.seqguard.core.util;

/** Binary searches in sorted arrays, and the mid-rank percentile they give. */
public final class Sorted {
    private Sorted() {
    }

    /** Index of the first of the sorted {@code a} that is {@code >= x} ({@code a.length} when none is). */
    public static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first of the sorted {@code a} that is {@code > x} ({@code a.length} when none is). */
    public static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first of the sorted {@code a[0..length)} that is {@code >= x}. */
    public static int lowerBound(long[] a, int length, double x) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first of the sorted {@code a[0..length)} that is {@code > x}. */
    public static int upperBound(long[] a, int length, double x) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The share of the sorted {@code a} below {@code x}, values equal to {@code x} counted half, in [0, 1]. */
    public static double midRank(double[] a, double x) {
        int below = lowerBound(a, x);
        int upTo = upperBound(a, x);
        return (below + (upTo - below) / 2.0) / a.length;
    }
}
