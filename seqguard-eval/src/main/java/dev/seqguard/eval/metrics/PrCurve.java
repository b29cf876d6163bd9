package dev.seqguard.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The precision-recall curve (recall, precision) with one point per block of tied scores, from the highest score
 * down. The step area under it ({@code Σ ΔR · P}) is {@link AveragePrecision}.
 */
public final class PrCurve {
    private PrCurve() {
    }

    /** @return the points, recall non-decreasing; empty when there is no anomalous row (the curve is undefined) */
    public static List<CurvePoint> of(int[] labels, double[] scores) {
        RankedScores ranked = RankedScores.of(labels, scores);
        int p = ranked.positives();
        if (p == 0) {
            return List.of();
        }
        List<CurvePoint> out = new ArrayList<>(ranked.blocks().size());
        for (RankedScores.Block b : ranked.blocks()) {
            out.add(new CurvePoint((double) b.tp() / p, (double) b.tp() / b.flagged(), b.score()));
        }
        return List.copyOf(out);
    }

    /** The curve downsampled to at most {@code maxPoints} points (see {@link Curves#downsample}). */
    public static List<CurvePoint> of(int[] labels, double[] scores, int maxPoints) {
        return Curves.downsample(of(labels, scores), maxPoints);
    }
}
