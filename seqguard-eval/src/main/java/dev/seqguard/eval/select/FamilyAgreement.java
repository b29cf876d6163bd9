package dev.seqguard.eval.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How much detectors of other families agree with what the pick flags: of the {@code k} rows the pick flags, the share
 * that each other detector also ranks among its own top {@code k}, averaged over those detectors. Families look at
 * the data in different ways; when they rank the same rows on top the anomalies are plain, and when each finds
 * different rows the pick's choice among them is a guess. Label-free, and measured against the truth on the
 * scenario bank (docs/selection-bank.md, round 4).
 *
 * @param value     the mean share, in [0, 1]
 * @param k         rows the pick flags
 * @param detectors the other detectors, by name
 */
record FamilyAgreement(double value, int k, List<String> detectors) {

    /**
     * @return null when {@code others} is empty or {@code k} is below 1
     */
    static FamilyAgreement of(double[] pick, List<CandidateResult> others, int k) {
        if (others.isEmpty() || k < 1) {
            return null;
        }
        boolean[] flagged = top(pick, k);
        double sum = 0;
        List<String> names = new ArrayList<>();
        for (CandidateResult other : others) {
            boolean[] theirs = top(other.scores(), k);
            int both = 0;
            for (int i = 0; i < pick.length; i++) {
                both += flagged[i] && theirs[i] ? 1 : 0;
            }
            sum += (double) both / Math.min(k, pick.length);
            names.add(other.detector());
        }
        return new FamilyAgreement(sum / others.size(), k, List.copyOf(names));
    }

    /** The {@code k} highest-scoring rows (ties broken by row order, as a stable sort would). */
    private static boolean[] top(double[] scores, int k) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        boolean[] out = new boolean[scores.length];
        for (int r = 0; r < Math.min(k, scores.length); r++) {
            out[order[r]] = true;
        }
        return out;
    }

    String sentence() {
        return String.format(Locale.ROOT, "agreement of the other detector families: of the %d users this pick flags,"
                + " on average %.0f%% are also among the top %d of each of %s", k, 100 * value, k,
                String.join(", ", detectors));
    }
}
