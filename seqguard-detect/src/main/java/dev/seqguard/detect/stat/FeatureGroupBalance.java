package dev.seqguard.detect.stat;

import dev.seqguard.core.features.SequenceFeature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Balances the kinds of signal for {@link Aggregate#FEATURE_GROUPS}: columns are grouped by their
 * {@link SequenceFeature.Group} (a column that is no sequence feature is a group of its own), each group's sum of
 * squared deviations becomes a robust z {@code (sum - median) / (1.4826 MAD)} against the training rows' sums of that
 * group (the sd where the MAD is 0, 1 where both are), clipped to [{@value #LOW}, {@value #HIGH}], and the row
 * score is the mean over groups.
 *
 * <p>Why: a sum of squares over all columns counts a kind of signal as often as it has correlated columns. Among
 * the 57 sequence features, volume has 14; a busy but normal shopper outscores a short ad-click account whose only
 * oddity is one coordination column (scenario bank, docs/selection-bank.md: robust z alone 0.584 mean PR-AUC,
 * balanced 0.636; the pair with iForest 0.581 vs 0.642).
 *
 * @param groupOf per column, its group index
 * @param centre  per group, the median of the training rows' sums
 * @param spread  per group, the unit of the sums' deviation (positive)
 */
public record FeatureGroupBalance(int[] groupOf, double[] centre, double[] spread) {
    static final double LOW = -10;
    static final double HIGH = 50;
    private static final double MAD_TO_SIGMA = 1.4826;

    public FeatureGroupBalance {
        if (centre.length != spread.length) {
            throw new IllegalArgumentException("one centre and spread per group");
        }
        for (int g : groupOf) {
            if (g < 0 || g >= centre.length) {
                throw new IllegalArgumentException("group index " + g + " outside 0.." + (centre.length - 1));
            }
        }
    }

    /**
     * The balance of {@code fences}' columns fitted on {@code rows}; null when no column is a sequence feature (a
     * table of other columns keeps the plain sum of squares).
     */
    static FeatureGroupBalance fit(Fences fences, double[][] rows, double cap) {
        int[] groupOf = groups(fences.features());
        if (groupOf == null) {
            return null;
        }
        int groups = Arrays.stream(groupOf).max().orElse(-1) + 1;
        double[][] sums = new double[groups][rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] dev = fences.deviations(rows[i], cap);
            for (int j = 0; j < dev.length; j++) {
                sums[groupOf[j]][i] += dev[j] * dev[j];
            }
        }
        double[] centre = new double[groups];
        double[] spread = new double[groups];
        for (int g = 0; g < groups; g++) {
            double[] s = sums[g];
            Arrays.sort(s);
            centre[g] = median(s);
            double[] dev = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                dev[i] = Math.abs(s[i] - centre[g]);
            }
            Arrays.sort(dev);
            double mad = median(dev) * MAD_TO_SIGMA;
            spread[g] = mad > 0 ? mad : sd(s) > 0 ? sd(s) : 1;
        }
        return new FeatureGroupBalance(groupOf, centre, spread);
    }

    /** The mean over groups of each group's clipped robust z; {@code deviations} clipped per column already. */
    double score(double[] deviations) {
        double[] sums = new double[centre.length];
        for (int j = 0; j < deviations.length; j++) {
            sums[groupOf[j]] += deviations[j] * deviations[j];
        }
        double total = 0;
        for (int g = 0; g < sums.length; g++) {
            total += Math.max(LOW, Math.min(HIGH, (sums[g] - centre[g]) / spread[g]));
        }
        return total / sums.length;
    }

    /** Group index per column, or null when none is a sequence feature. */
    static int[] groups(List<String> features) {
        Map<String, Integer> index = new HashMap<>();
        int[] out = new int[features.size()];
        boolean any = false;
        for (int j = 0; j < out.length; j++) {
            String key;
            try {
                key = "group:" + SequenceFeature.byName(features.get(j)).group();
                any = true;
            } catch (IllegalArgumentException notASequenceFeature) {
                key = "column:" + j;
            }
            out[j] = index.computeIfAbsent(key, k -> index.size());
        }
        return any ? out : null;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double sd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
