package dev.seqguard.core.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * First-pass accumulator for {@link TimeRule.Auto}: hour-bin counts over the sanity window, in a fixed-size array.
 * See {@link TimeRule.Auto} for the rule it implements.
 */
final class BulkWindowEstimator {
    static final long HOUR = 3_600_000L;
    /** Candidate bin widths in hours, finest first. */
    private static final int[] WIDTHS = {1, 2, 3, 6, 12, 24, 48, 168, 336, 720, 2160, 8760};

    private final long firstHour;
    private final long[] hourCounts;
    private long total;

    BulkWindowEstimator(TimeRange sanity) {
        this.firstHour = Math.floorDiv(sanity.fromMillis(), HOUR);
        long lastHour = Math.floorDiv(sanity.untilMillis() - 1, HOUR);
        long hours = lastHour - firstHour + 1;
        if (hours > 20_000_000L) {
            throw new IllegalArgumentException("sanity window " + sanity + " is too wide for the auto time rule ("
                    + hours + " hours)");
        }
        this.hourCounts = new long[(int) hours];
    }

    /** Counts one plausible event time; the caller has checked it lies in the sanity window. */
    void add(long millis) {
        hourCounts[(int) (Math.floorDiv(millis, HOUR) - firstHour)]++;
        total++;
    }

    long total() {
        return total;
    }

    /** The bulk window, or empty when there are fewer than {@code rule.minRows()} rows. */
    Optional<TimeRange> estimate(TimeRule.Auto rule) {
        if (total < rule.minRows() || total == 0) {
            return Optional.empty();
        }
        int lo = 0;
        while (hourCounts[lo] == 0) {
            lo++;
        }
        int hi = hourCounts.length - 1;
        while (hourCounts[hi] == 0) {
            hi--;
        }
        long need = (long) Math.ceil(rule.coverage() * total);

        long[] bins = null;
        int width = 1;
        long binOffset = 0; // bin index of bins[0], in bins of `width` hours since the epoch
        int a = 0;
        int b = 0;
        double median = 0;
        for (int w : WIDTHS) {
            width = w;
            binOffset = Math.floorDiv(firstHour + lo, (long) w);
            long lastBin = Math.floorDiv(firstHour + hi, (long) w);
            bins = new long[(int) (lastBin - binOffset + 1)];
            for (int h = lo; h <= hi; h++) {
                bins[(int) (Math.floorDiv(firstHour + h, (long) w) - binOffset)] += hourCounts[h];
            }
            int[] core = shortestRunHolding(bins, need);
            a = core[0];
            b = core[1];
            median = median(bins, a, b);
            if (median >= rule.minBinCount() || a == b) {
                break;
            }
        }

        double binThreshold = rule.density() * median;
        while (a > 0 && joins(bins[a - 1], bins[a], binThreshold, rule.step())) {
            a--;
        }
        while (b < bins.length - 1 && joins(bins[b + 1], bins[b], binThreshold, rule.step())) {
            b++;
        }

        // stretches beyond the edge, judged hour by hour on their average rate
        double rateThreshold = rule.density() * median / width;
        int startHour = (int) ((binOffset + a) * width - firstHour);
        int endHour = (int) ((binOffset + b + 1) * width - firstHour); // exclusive
        startHour = farthestDenseStart(startHour, Math.max(lo, 0), -1, rateThreshold);
        endHour = farthestDenseStart(endHour - 1, Math.min(hi, hourCounts.length - 1), +1, rateThreshold) + 1;
        int spillHours = (int) rule.spill().toHours();
        startHour -= spillOver(startHour - 1, -1, spillHours);
        endHour += spillOver(endHour, +1, spillHours);

        long tolerance = rule.tolerance().toMillis();
        long from = (firstHour + startHour) * HOUR - tolerance;
        long until = (firstHour + endHour) * HOUR + tolerance;
        return Optional.of(new TimeRange(from, until));
    }

    /**
     * Number of consecutive non-empty hours from {@code first} in direction {@code step}, if there are at most
     * {@code maxHours} of them and they are followed by an empty hour (or the end of the histogram); else 0.
     */
    private int spillOver(int first, int step, int maxHours) {
        int k = 0;
        for (int h = first; h >= 0 && h < hourCounts.length && hourCounts[h] > 0; h += step) {
            if (++k > maxHours) {
                return 0;
            }
        }
        return k;
    }

    private static boolean joins(long candidate, long inner, double binThreshold, double step) {
        return candidate > 0 && (candidate >= binThreshold || candidate >= step * inner);
    }

    /**
     * Walking from {@code edge} (inside the window) in direction {@code step} up to {@code limit}, the farthest hour
     * {@code x} such that the hours strictly between the edge and {@code x}, {@code x} included, average at least
     * {@code rateThreshold} rows per hour; {@code edge} itself when there is none. Only non-empty hours qualify as
     * {@code x}, so the window never ends in an empty stretch.
     */
    private int farthestDenseStart(int edge, int limit, int step, double rateThreshold) {
        int best = edge;
        long sum = 0;
        int hours = 0;
        for (int h = edge + step; step < 0 ? h >= limit : h <= limit; h += step) {
            sum += hourCounts[h];
            hours++;
            if (hourCounts[h] > 0 && sum >= rateThreshold * hours) {
                best = h;
            }
        }
        return best;
    }

    /**
     * {a, b}: the shortest run bins[a..b] whose sum is at least {@code need}; among equally short runs the one
     * holding the most rows (so a thin scatter next to the bulk never stands in for a bulk bin), then the earliest.
     */
    static int[] shortestRunHolding(long[] bins, long need) {
        int bestA = 0;
        int bestB = bins.length - 1;
        long bestSum = -1;
        long sum = 0;
        int a = 0;
        for (int b = 0; b < bins.length; b++) {
            sum += bins[b];
            while (a < b && sum - bins[a] >= need) {
                sum -= bins[a];
                a++;
            }
            if (sum >= need && (b - a < bestB - bestA || (b - a == bestB - bestA && sum > bestSum))) {
                bestA = a;
                bestB = b;
                bestSum = sum;
            }
        }
        return new int[] {bestA, bestB};
    }

    /** Median of bins[a..b], empty bins included. */
    static double median(long[] bins, int a, int b) {
        long[] run = Arrays.copyOfRange(bins, a, b + 1);
        Arrays.sort(run);
        int n = run.length;
        return n % 2 == 1 ? run[n / 2] : (run[n / 2 - 1] + run[n / 2]) / 2.0;
    }
}
