package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.Quantiles;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A label-free operating point set on the user's own score distributions: how many rows look anomalous is
 * estimated by the <em>consensus of several diverse detectors</em>, and the selected detector flags that many.
 *
 * <p>Each voter flags the rows whose score is an outlier of its own distribution: robust z
 * {@code (s − median) / (1.4826 · MAD)} above {@value #Z_CUT}, the conventional fence (Leys et al. 2013, "Detecting
 * outliers: do not use standard deviation around the mean, use absolute deviation around the median"). One
 * detector's fence also catches the heavy tail of normal behaviour (a busy shopper is extreme on some feature), and
 * detectors of different families catch different normal rows; a real anomaly stands out to several of them. The
 * estimate {@code k} is the number of rows a <em>majority</em> of the voters flag. When that majority agrees on fewer
 * than half the rows at least half of the voters flag, the voters see different rows (each family the anomalies its
 * view reveals: one the volume, another the timing) and a strict majority collapses (diginetica in the bank: 3 rows
 * for 21-39 anomalies); then {@code k} is the <em>selected detector's own</em> outliers, capped by the rows at least
 * half of the voters flag: its ranking is the one thresholded, and the others' agreement keeps a heavy tail only it
 * has from counting (with no outliers of its own, a bounded score, the at-least-half count). The range runs from the
 * rows every voter flags to the rows any voter flags. A voter whose fence flags no row at all abstains: its tail is
 * bounded (a histogram score, a rank-average), it says nothing about how many rows are anomalous, and counted as a
 * "no" it would veto every row. Measured on the scenario bank (docs/selection-bank.md, rounds 4 and 5), mean F1 at
 * the shipped threshold: a majority always 0.488; at least half always 0.496; the median of the voters' counts 0.507
 * (but 59-65 flagged for 33 anomalies on contract-check's default injections); always the selected detector's own
 * outliers capped by at least half 0.519 (but 50-52 flagged there, F1 down 0.02-0.04); the majority unless split as
 * above 0.518, flagging the same 45-46 as the majority on contract-check; the true number of anomalies 0.575. The shipped threshold is the selected
 * detector's {@code k}-th highest score, so it flags about {@code k} rows of this data — whatever the selected
 * detector's score scale.
 *
 * <p>When the selected detector's own scores break clearly at the top ({@link ScoreBreak}), the rows above the break
 * are flagged instead: a coordinated group scores alike, and on logs of short histories the fences overcounted it
 * (the scenario bank's two-hour Taobao log: 60–112 rows for 6–41 anomalies).
 *
 * <p>Never silently flags almost nobody, nor half the rows: {@code k} is kept within
 * [{@value #MIN_SHARE} · n (at least one row), {@value #MAX_SHARE} · n], and the detail says when a bound applied.
 */
public final class ConsensusOperatingPoint {
    static final double Z_CUT = 3.0;
    static final double MIN_SHARE = 0.01;
    static final double MAX_SHARE = 0.25;
    private static final double MAD_TO_SIGMA = 1.4826;

    private ConsensusOperatingPoint() {
    }

    /**
     * @param threshold    flag scores of the selected detector at or above this
     * @param expected     rows expected to be flagged (what this threshold flags on the data it was set on)
     * @param low          low end of the estimate's range (rows every voter that spoke flags)
     * @param high         high end of the estimate's range (rows any voter flags)
     * @param voters       how many detectors voted
     * @param detail       how the value came about, in words
     */
    public record Estimate(double threshold, int expected, int low, int high, int voters, String detail) {
    }

    /**
     * @param selected the selected detector's scores (higher = more anomalous)
     * @param voters   scores of diverse detectors on the same rows (may include the selected one); at least one
     */
    public static Estimate estimate(double[] selected, List<double[]> voters) {
        int n = selected.length;
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a consensus operating point needs at least one voting detector");
        }
        int[] votes = new int[n];
        int speaking = 0;
        for (double[] s : voters) {
            if (s.length != n) {
                throw new IllegalArgumentException("voter has " + s.length + " scores for " + n + " rows");
            }
            double[] z = robustZ(s);
            if (count(z, Z_CUT) > 0) {
                speaking++;
                for (int i = 0; i < n; i++) {
                    votes[i] += z[i] > Z_CUT ? 1 : 0;
                }
            }
        }
        int j = voters.size();
        int majority = speaking / 2 + 1;
        int agreedByMajority = speaking == 0 ? 0 : count(votes, majority);
        int half = Math.max(1, (speaking + 1) / 2);
        int agreedByHalf = speaking == 0 ? 0 : count(votes, half);
        int own = count(robustZ(selected), Z_CUT);
        boolean split = agreedByMajority * 2 < agreedByHalf;
        int k = !split ? agreedByMajority : own > 0 ? Math.min(own, agreedByHalf) : agreedByHalf;
        int low = speaking == 0 ? 0 : count(votes, speaking);
        int high = count(votes, 1);
        int floor = Math.max(1, (int) Math.ceil(MIN_SHARE * n));
        int cap = Math.max(floor, (int) Math.floor(MAX_SHARE * n));
        String bound = "";
        int used = k;
        OptionalInt cliff = ScoreBreak.find(selected, floor, cap);
        if (cliff.isPresent()) {
            used = cliff.getAsInt();
            bound = String.format(Locale.ROOT, "; but the selected detector's scores break clearly after its top %d (a"
                    + " drop at least %.0f times any other in its top %s), and that group is what it flags", used,
                    ScoreBreak.DOMINANCE, ContaminationRule.percent(MAX_SHARE));
        } else if (k < floor) {
            used = floor;
            bound = String.format(Locale.ROOT, "; raised to the floor of %d (%s of rows) so that the top is never silently"
                    + " left unflagged", floor, ContaminationRule.percent(MIN_SHARE));
        } else if (k > cap) {
            used = cap;
            bound = String.format(Locale.ROOT, "; lowered to the cap of %d (%s of rows)", cap,
                    ContaminationRule.percent(MAX_SHARE));
        }
        double[] sorted = ThresholdInputs.sortedCopy(selected);
        double value = sorted[n - used];
        Threshold t = Threshold.of(value, selected, "");
        String abstained = speaking == j ? "" : String.format(Locale.ROOT, "; %d of %d detectors flag no row at all and"
                + " abstain", j - speaking, j);
        String detail = String.format(Locale.ROOT, "%d of %d rows look anomalous: %s (range %d..%d: all of them .. any of"
                        + " them)%s%s; the selected detector flags its top %d, scores >= %s",
                k, n, counted(split, majority, agreedByMajority, half, agreedByHalf, speaking, own), low, high,
                abstained, bound, t.flagged(), ThresholdInputs.fmt(value));
        return new Estimate(value, t.flagged(), Math.min(low, t.flagged()), Math.max(high, t.flagged()), j, detail);
    }

    /** How {@code k} came about, in words. */
    private static String counted(boolean split, int majority, int agreedByMajority, int half, int agreedByHalf,
                                  int speaking, int own) {
        if (!split) {
            return String.format(Locale.ROOT, "outliers (robust z > %.0f) for a majority (%d of %d) of diverse detectors",
                    Z_CUT, majority, speaking);
        }
        String base = String.format(Locale.ROOT, "a majority (%d of %d) of diverse detectors agree on %d outliers"
                + " (robust z > %.0f), fewer than half the %d that at least half (%d of %d) find: they see different"
                + " rows, so ", majority, speaking, agreedByMajority, Z_CUT, agreedByHalf, half, speaking);
        return base + (own > 0
                ? String.format(Locale.ROOT, "the selected detector's own %d outliers count, at most those %d", own,
                        agreedByHalf)
                : String.format(Locale.ROOT, "those %d count (the selected detector's scores have no outliers of their"
                        + " own)", agreedByHalf));
    }

    /**
     * Robust z of every score; with a MAD of 0 (more than half the scores tied), rows above the median get +infinity
     * and the rest 0: the tie block is the bulk, anything above it stands out.
     */
    static double[] robustZ(double[] scores) {
        double[] sorted = ThresholdInputs.sortedCopy(scores);
        double median = Quantiles.medianOfSorted(sorted);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            dev[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(dev);
        double sigma = Quantiles.medianOfSorted(dev) * MAD_TO_SIGMA;
        double[] z = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            z[i] = sigma > 0 ? (scores[i] - median) / sigma : scores[i] > median ? Double.POSITIVE_INFINITY : 0;
        }
        return z;
    }


    private static int count(double[] z, double above) {
        int c = 0;
        for (double v : z) {
            c += v > above ? 1 : 0;
        }
        return c;
    }

    private static int count(int[] votes, int atLeast) {
        int c = 0;
        for (int v : votes) {
            c += v >= atLeast ? 1 : 0;
        }
        return c;
    }
}
