package dev.seqguard.core.features;

import static dev.seqguard.core.features.SequenceFeature.*;

import dev.seqguard.core.seq.GapBucket;
import dev.seqguard.core.util.Sorted;
import java.util.Arrays;

/**
 * The timing part of a {@link FeatureAccumulator}: event times, inter-event gaps (moments, median, buckets,
 * regularity), bursts, active hours and days, and dwell.
 */
final class TimingFeatures {
    static final long MS_PER_HOUR = 3_600_000L;
    private static final double LN_GAP_BUCKETS = Math.log(GapBucket.count() - 1);

    private final long offsetMillis;
    private int n;
    private long[] times = new long[16];

    // gaps: Welford moments in seconds, raw millis for the median (sorted lazily), bucket counts
    private long[] gaps = new long[16];
    private int sortedGaps;
    private double gapMean;
    private double gapM2;
    private long minGap = Long.MAX_VALUE;
    private final int[] gapBuckets = new int[GapBucket.count()];
    private int subsecondGaps;

    // bursts: start index of the events within the last 60 s / 10 min
    private int start60s;
    private int start10min;
    private int max60s;
    private int max10min;

    private long lastHour = Long.MIN_VALUE;
    private long lastDay = Long.MIN_VALUE;
    private int activeHours;
    private int activeDays;
    private int hourOfDayMask;
    private int nightEvents;

    private double dwellSum;
    private int dwellKnown;
    private int shortDwell;

    /** @param offsetMillis the local time's offset from UTC, for hours of the day and days */
    TimingFeatures(long offsetMillis) {
        this.offsetMillis = offsetMillis;
    }

    /** Time of the newest event; only when there is one. */
    long last() {
        return times[n - 1];
    }

    long first() {
        return times[0];
    }

    /** Events at or after {@code t} (a time within the span). */
    int atOrAfter(double t) {
        return n - Sorted.lowerBound(times, n, t);
    }

    /** Folds in an event at {@code t} (not before {@link #last()}) with dwell {@code dwellMs} (negative: unknown). */
    void add(long t, long dwellMs) {
        if (n > 0) {
            addGap(t - times[n - 1]);
        }
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
        }
        times[n] = t;
        addClock(t);
        addDwell(dwellMs);
        n++;
        start60s = advance(start60s, t - 60_000L);
        start10min = advance(start10min, t - 600_000L);
        max60s = Math.max(max60s, n - start60s);
        max10min = Math.max(max10min, n - start10min);
    }

    /** Records the gap before event {@code n}; {@code n - 1} gaps exist before it. */
    private void addGap(long gap) {
        int count = n - 1;
        if (count == gaps.length) {
            gaps = Arrays.copyOf(gaps, count * 2);
        }
        gaps[count] = gap;
        double s = gap / 1000.0;
        double delta = s - gapMean;
        gapMean += delta / (count + 1);
        gapM2 += delta * (s - gapMean);
        minGap = Math.min(minGap, gap);
        gapBuckets[GapBucket.of(gap).ordinal()]++;
        if (gap < 1000L) {
            subsecondGaps++;
        }
    }

    private int advance(int start, long after) {
        while (times[start] <= after) {
            start++;
        }
        return start;
    }

    private void addClock(long t) {
        long hour = Math.floorDiv(t + offsetMillis, MS_PER_HOUR);
        if (hour != lastHour) {
            lastHour = hour;
            activeHours++;
            long day = Math.floorDiv(hour, 24L);
            if (day != lastDay) {
                lastDay = day;
                activeDays++;
            }
        }
        int hourOfDay = (int) Math.floorMod(hour, 24L);
        hourOfDayMask |= 1 << hourOfDay;
        if (hourOfDay < 6) {
            nightEvents++;
        }
    }

    private void addDwell(long dwellMs) {
        if (dwellMs >= 0) {
            dwellKnown++;
            dwellSum += dwellMs / 1000.0;
            if (dwellMs < 1000L) {
                shortDwell++;
            }
        }
    }

    /** Writes the timing features of the events so far (at least one) into {@code v}. */
    void write(double[] v) {
        int g = n - 1;
        v[ACTIVE_SPAN_HOURS.ordinal()] = (times[n - 1] - times[0]) / (double) MS_PER_HOUR;
        if (g > 0) {
            sortGaps();
            double median = (g % 2 == 1 ? gaps[g / 2] : (gaps[g / 2 - 1] + gaps[g / 2]) / 2.0);
            v[GAP_MEAN_S.ordinal()] = gapMean;
            v[GAP_MEDIAN_S.ordinal()] = median / 1000.0;
            v[GAP_CV.ordinal()] = gapMean > 0 ? Math.sqrt(Math.max(0, gapM2) / g) / gapMean : 0;
            v[GAP_MIN_S.ordinal()] = minGap / 1000.0;
            v[GAP_BUCKET_ENTROPY.ordinal()] = FeatureMath.entropy(gapBuckets, g) / LN_GAP_BUCKETS;
            int within = Sorted.upperBound(gaps, g, 1.1 * median) - Sorted.lowerBound(gaps, g, 0.9 * median);
            v[GAP_REGULARITY.ordinal()] = (double) within / g;
            v[SUBSECOND_GAP_SHARE.ordinal()] = (double) subsecondGaps / g;
        }
        v[MAX_EVENTS_60S.ordinal()] = max60s;
        v[MAX_EVENTS_10MIN.ordinal()] = max10min;
        v[EVENTS_PER_ACTIVE_HOUR.ordinal()] = (double) n / activeHours;
        v[ACTIVE_HOURS.ordinal()] = activeHours;
        v[DISTINCT_HOURS_OF_DAY.ordinal()] = Integer.bitCount(hourOfDayMask);
        v[NIGHT_SHARE.ordinal()] = (double) nightEvents / n;
        v[ACTIVE_DAYS.ordinal()] = activeDays;
        v[DWELL_MEAN_S.ordinal()] = dwellKnown == 0 ? 0 : dwellSum / dwellKnown;
        v[SHORT_DWELL_SHARE.ordinal()] = FeatureMath.share(shortDwell, dwellKnown);
    }

    /** Merges the gaps added since the last call into the sorted prefix. */
    private void sortGaps() {
        int g = n - 1;
        if (sortedGaps == g) {
            return;
        }
        Arrays.sort(gaps, sortedGaps, g);
        if (sortedGaps > 0 && gaps[sortedGaps - 1] > gaps[sortedGaps]) {
            long[] head = Arrays.copyOf(gaps, sortedGaps);
            int i = 0;
            int j = sortedGaps;
            int k = 0;
            while (i < head.length && j < g) {
                gaps[k++] = head[i] <= gaps[j] ? head[i++] : gaps[j++];
            }
            while (i < head.length) {
                gaps[k++] = head[i++];
            }
        }
        sortedGaps = g;
    }
}
