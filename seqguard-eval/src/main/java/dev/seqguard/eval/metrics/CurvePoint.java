package dev.seqguard.eval.metrics;

/**
 * One point of a ROC or PR curve.
 *
 * @param x         false-positive rate (ROC) or recall (PR)
 * @param y         true-positive rate (ROC) or precision (PR)
 * @param threshold the score at or above which rows are flagged at this point; +∞ for the ROC origin
 */
public record CurvePoint(double x, double y, double threshold) {
}
