package dev.seqguard.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/** Shared helpers for {@link RocCurve} and {@link PrCurve}. */
public final class Curves {
    /** Enough points for a smooth chart, few enough to keep a report with several curves small. */
    public static final int REPORT_POINTS = 200;

    private Curves() {
    }

    /**
     * At most {@code maxPoints} points, evenly spaced along the list, always keeping the first and the last.
     *
     * @throws IllegalArgumentException when maxPoints &lt; 2
     */
    public static List<CurvePoint> downsample(List<CurvePoint> points, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2, got " + maxPoints);
        }
        if (points.size() <= maxPoints) {
            return List.copyOf(points);
        }
        List<CurvePoint> out = new ArrayList<>(maxPoints);
        double step = (points.size() - 1) / (double) (maxPoints - 1);
        for (int i = 0; i < maxPoints; i++) {
            out.add(points.get((int) Math.round(i * step)));
        }
        return List.copyOf(out);
    }
}
