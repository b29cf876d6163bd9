package dev.seqguard.eval.threshold;

import java.util.Locale;

/**
 * Flag a known share of the scores: the threshold is the k-th highest score with {@code k = round(share · n)}
 * (at least 1), so exactly k rows are flagged unless scores tie at the boundary, in which case the whole tie is
 * flagged. This is the "contamination" parameter of classic outlier detectors.
 */
public record ContaminationRule(double share) implements ThresholdRule {
    public ContaminationRule {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("contamination share must be in (0, 1), got " + share);
        }
    }

    @Override
    public Threshold compute(double[] scores, int[] labels) {
        double[] sorted = ThresholdInputs.sortedCopy(scores);
        int k = Math.max(1, (int) Math.round(share * sorted.length));
        double value = sorted[sorted.length - k];
        return Threshold.of(value, scores, "the " + ordinal(k) + "highest of " + sorted.length + " scores, "
                + ThresholdInputs.fmt(value));
    }

    @Override
    public String describe() {
        return "flag the top " + percent(share) + " of scores";
    }

    @Override
    public String spec() {
        return "contamination:" + share;
    }

    static String percent(double share) {
        String s = String.format(Locale.ROOT, "%.4f", share * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    private static String ordinal(int k) {
        if (k == 1) {
            return "";
        }
        // "the 10th highest", but plain "the highest" for k = 1
        int mod100 = k % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (k % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return k + suffix + " ";
    }
}
