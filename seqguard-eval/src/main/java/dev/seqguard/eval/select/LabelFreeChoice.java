package dev.seqguard.eval.select;

import dev.seqguard.eval.threshold.ConsensusOperatingPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a label-free selection came about, for the summary and the report.
 *
 * @param kinds          anomaly kinds of the validation sets (each graded on its own)
 * @param validationSets how many validation sets
 * @param baseline       the default the pick had to beat (iforest, when it ran)
 * @param baselinePrAuc  its kind-balanced PR-AUC on the validation sets
 * @param pickPrAuc      the pick's (for a {@code +synthetic} classifier: only on kinds it did not train on)
 * @param gain           pick minus baseline, kind-balanced mean (0 when the pick is the baseline)
 * @param gainLow        the gain's bootstrap {@value RobustRule#LOWER_QUANTILE} quantile
 * @param gainHigh       the gain's bootstrap upper quantile
 * @param worstKindGain  the gain on the pick's worst kind
 * @param bestChallenger the best challenger that did not make it (or {@code ""})
 * @param operatingPoint the label-free operating point estimated on the user's own scores
 * @param thresholdFromOperatingPoint whether the shipped threshold is that operating point (no {@code --threshold})
 */
public record LabelFreeChoice(List<String> kinds, int validationSets, String baseline, double baselinePrAuc,
                              double pickPrAuc, double gain, double gainLow, double gainHigh, double worstKindGain,
                              String bestChallenger, ConsensusOperatingPoint.Estimate operatingPoint,
                              boolean thresholdFromOperatingPoint) {
    public LabelFreeChoice {
        kinds = List.copyOf(kinds);
    }

    /** Extra {@code summary.json} fields (added beside the existing ones, never renaming them). */
    public Map<String, Object> summaryFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("held_out_kinds", String.join(",", kinds));
        m.put("validation_sets", validationSets);
        m.put("baseline_detector", baseline);
        m.put("baseline_held_out_pr_auc", baselinePrAuc);
        m.put("selected_held_out_pr_auc", pickPrAuc);
        m.put("gain_over_baseline", gain);
        m.put("gain_over_baseline_low", gainLow);
        m.put("gain_over_baseline_high", gainHigh);
        m.put("gain_over_baseline_worst_kind", worstKindGain);
        m.put("expected_flagged", operatingPoint.expected());
        m.put("expected_flagged_low", operatingPoint.low());
        m.put("expected_flagged_high", operatingPoint.high());
        m.put("operating_point", operatingPoint.detail());
        return m;
    }

    /** One plain sentence on how the pick was made. */
    public String choiceSentence(String pick) {
        if (pick.equals(baseline)) {
            return String.format(Locale.ROOT, "kept the default %s: no challenger beat it by a margin on anomaly kinds"
                    + " it was not trained on (held-out PR-AUC %.3f%s)", baseline, baselinePrAuc,
                    bestChallenger.isEmpty() ? "" : "; closest challenger " + bestChallenger);
        }
        return String.format(Locale.ROOT, "%s replaced the default %s: held-out PR-AUC %.3f vs %.3f, gain %.3f"
                        + " (bootstrap range %.3f..%.3f, worst kind %+.3f)", pick, baseline, pickPrAuc, baselinePrAuc,
                gain, gainLow, gainHigh, worstKindGain);
    }
}
