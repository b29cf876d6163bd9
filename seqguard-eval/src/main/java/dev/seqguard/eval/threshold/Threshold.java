package dev.seqguard.eval.threshold;

/**
 * A computed flag threshold: rows with a score at or above {@code value} are flagged.
 *
 * @param value   the threshold
 * @param flagged how many of the scores it was computed from are flagged
 * @param total   how many scores it was computed from
 * @param detail  one line saying how the value came about (for logs and the report)
 */
public record Threshold(double value, int flagged, int total, String detail) {
    public Threshold {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("threshold value is NaN (" + detail + ")");
        }
    }

    static Threshold of(double value, double[] scores, String detail) {
        int flagged = 0;
        for (double s : scores) {
            flagged += s >= value ? 1 : 0;
        }
        return new Threshold(value, flagged, scores.length, detail);
    }

    /** Share of the scores that are flagged. */
    public double flaggedShare() {
        return total == 0 ? 0 : (double) flagged / total;
    }
}
