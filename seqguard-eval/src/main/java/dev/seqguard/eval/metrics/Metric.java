package dev.seqguard.eval.metrics;

/** A metric of labelled scores, for {@link Bootstrap}. Implementations return NaN where they are undefined. */
@FunctionalInterface
public interface Metric {
    Metric ROC_AUC = RocAuc::of;
    Metric AVERAGE_PRECISION = AveragePrecision::of;
    Metric PRECISION_AT_K = PrecisionAtK::of;
    Metric RECALL_AT_K = RecallAtK::of;

    double compute(int[] labels, double[] scores);
}
