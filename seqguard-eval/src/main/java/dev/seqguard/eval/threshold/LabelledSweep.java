package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.Confusion;
import dev.seqguard.eval.metrics.LabelledRows;
import dev.seqguard.eval.metrics.RankedScores;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Tries every distinct labelled score as a threshold (and optionally "flag nothing") and keeps the best by an
 * objective. The chosen decision is then placed in the middle of the gap below the chosen score, so that it flags
 * the same validation rows but leaves a margin on both sides for unseen scores.
 */
final class LabelledSweep {
    private LabelledSweep() {
    }

    /** The best decision; on equal objective the highest threshold (fewest flags) wins. */
    record Choice(double value, Confusion confusion, double objective) {
    }

    static Choice maximise(LabelledRows rows, ToDoubleFunction<Confusion> objective, boolean allowFlagNothing) {
        RankedScores ranked = RankedScores.of(rows.labels(), rows.scores());
        int p = ranked.positives();
        int n = ranked.negatives();
        List<RankedScores.Block> blocks = ranked.blocks();
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        Confusion bestConfusion = null;
        if (allowFlagNothing) {
            bestConfusion = new Confusion(0, 0, n, p);
            bestValue = objective.applyAsDouble(bestConfusion);
        }
        for (int b = 0; b < blocks.size(); b++) {
            RankedScores.Block block = blocks.get(b);
            Confusion c = new Confusion(block.tp(), block.fp(), n - block.fp(), p - block.tp());
            double v = objective.applyAsDouble(c);
            if (v > bestValue) {
                best = b;
                bestValue = v;
                bestConfusion = c;
            }
        }
        if (bestConfusion == null) {
            throw new IllegalStateException("no candidate threshold had a defined objective");
        }
        return new Choice(placeInGap(blocks, best), bestConfusion, bestValue);
    }

    private static double placeInGap(List<RankedScores.Block> blocks, int chosen) {
        if (chosen < 0) {
            return Math.nextUp(blocks.get(0).score());
        }
        double at = blocks.get(chosen).score();
        if (chosen == blocks.size() - 1) {
            return at;
        }
        double below = blocks.get(chosen + 1).score();
        double middle = below + (at - below) / 2;
        // adjacent doubles have no middle: stay on the chosen score itself
        return middle > below && middle <= at ? middle : at;
    }
}
