package dev.seqguard.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/** The ROC curve (false-positive rate, true-positive rate) with one point per block of tied scores. */
public final class RocCurve {
    private RocCurve() {
    }

    /**
     * From (0, 0) at threshold +∞ to (1, 1) at the lowest score; the trapezoidal area under it is {@link RocAuc}.
     *
     * @return the points; empty when there is no anomalous or no normal row (the curve is undefined)
     */
    public static List<CurvePoint> of(int[] labels, double[] scores) {
        RankedScores ranked = RankedScores.of(labels, scores);
        int p = ranked.positives();
        int n = ranked.negatives();
        if (p == 0 || n == 0) {
            return List.of();
        }
        List<CurvePoint> out = new ArrayList<>(ranked.blocks().size() + 1);
        out.add(new CurvePoint(0, 0, Double.POSITIVE_INFINITY));
        for (RankedScores.Block b : ranked.blocks()) {
            out.add(new CurvePoint((double) b.fp() / n, (double) b.tp() / p, b.score()));
        }
        return List.copyOf(out);
    }

    /** The curve downsampled to at most {@code maxPoints} points (see {@link Curves#downsample}). */
    public static List<CurvePoint> of(int[] labels, double[] scores, int maxPoints) {
        return Curves.downsample(of(labels, scores), maxPoints);
    }
}
