package dev.seqguard.detect.ensemble;

import dev.seqguard.detect.api.FeatureScaler;

/**
 * How an ensemble puts its members' scores on one scale before averaging them.
 *
 * <p>{@link #RANK}: each score's percentile among the member's reference scores. Every member votes equally, but the
 * tail is compressed: the 5 most anomalous rows of 300 all sit near 1.0, so how far out they are is lost.
 * {@link #ROBUST_Z}: {@code (score − median) / scale} of the member's reference scores, with the robust scale of
 * {@link FeatureScaler#robust} (1.4826 MAD, else IQR/1.349, else sd). It keeps the distance into the tail, so a row
 * one member finds far out stays far out after averaging — what a label-free threshold set on the tail of the
 * combined score needs. It is clipped at ±{@value #Z_CAP}, which bounds what one member with a degenerate spread can
 * contribute without touching any ordinary tail.
 */
public enum ScoreCombination {
    RANK,
    ROBUST_Z;

    static final double Z_CAP = 50;

    /** The member's reference scores, standardised once: what {@link #apply} needs of them. */
    public record Scale(ScoreCalibration calibration, double centre, double spread) {
        public static Scale of(ScoreCalibration calibration) {
            double[] ref = calibration.sortedReference();
            double[][] column = new double[ref.length][];
            for (int i = 0; i < ref.length; i++) {
                column[i] = new double[] {ref[i]};
            }
            FeatureScaler s = FeatureScaler.robust(column);
            return new Scale(calibration, s.centre()[0], s.spread()[0]);
        }
    }

    /** {@code score} of one member on this combination's common scale. */
    public double apply(Scale scale, double score) {
        return switch (this) {
            case RANK -> scale.calibration().percentile(score);
            case ROBUST_Z -> Math.max(-Z_CAP, Math.min(Z_CAP, (score - scale.centre()) / scale.spread()));
        };
    }

    /** Mean over members of each row's standardised score; each member's scores are their own reference. */
    public double[] average(java.util.List<double[]> memberScores) {
        int n = memberScores.get(0).length;
        double[] out = new double[n];
        for (double[] s : memberScores) {
            Scale scale = Scale.of(ScoreCalibration.of(s));
            for (int i = 0; i < n; i++) {
                out[i] += apply(scale, s[i]) / memberScores.size();
            }
        }
        return out;
    }
}
