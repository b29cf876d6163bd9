package dev.seqguard.recsys;

import dev.seqguard.eval.metrics.Interval;
import dev.seqguard.recsys.clean.Cleaning;
import dev.seqguard.recsys.eval.PairedBootstrap;
import dev.seqguard.recsys.eval.RecMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How much of the possible gain a cleaning strategy achieved, per recommender: the cut in target exposure versus
 * raw, and the share of the oracle's NDCG@10 change recovered, with 95% paired bootstrap intervals of the NDCG
 * changes (1,000 resamples of the evaluated users, seed 1) so that a change within noise is visible as such.
 *
 * @param recommender    recommender name
 * @param strategy       cleaning strategy
 * @param exposureRaw    target exposure without cleaning (NaN without targets)
 * @param exposure       target exposure after cleaning
 * @param exposureOracle target exposure after the oracle's cleaning (NaN without labels)
 * @param ndcgRaw        NDCG@10 without cleaning
 * @param ndcg           NDCG@10 after cleaning
 * @param ndcgOracle     NDCG@10 after the oracle (NaN without labels)
 * @param cleanedChange  NDCG@10 change of the strategy versus raw, with its interval
 * @param oracleChange   NDCG@10 change of the oracle versus raw (null without labels)
 */
public record LiftComparison(String recommender, String strategy, double exposureRaw, double exposure,
                             double exposureOracle, double ndcgRaw, double ndcg, double ndcgOracle,
                             Interval cleanedChange, Interval oracleChange) {
    static final int RESAMPLES = 1000;

    /** 1 - exposure / raw exposure; NaN when raw exposure is 0 or undefined. */
    public double exposureCut() {
        return exposureRaw > 0 ? 1 - exposure / exposureRaw : Double.NaN;
    }

    /** (cleaned - raw) / (oracle - raw) of NDCG@10; NaN without an oracle or when the oracle changed nothing. */
    public double ndcgRecovered() {
        return oracleChange == null || ndcgOracle == ndcgRaw ? Double.NaN : (ndcg - ndcgRaw) / (ndcgOracle - ndcgRaw);
    }

    /** Whether the oracle's NDCG change is within noise: its 95% interval contains 0. */
    public boolean oracleChangeWithinNoise() {
        return oracleChange != null && oracleChange.lower() <= 0 && oracleChange.upper() >= 0;
    }

    public static List<LiftComparison> of(RecommenderLift lift) {
        List<LiftComparison> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, RecMetrics>> r : lift.metrics().entrySet()) {
            RecMetrics raw = r.getValue().get(Cleaning.RAW);
            RecMetrics oracle = r.getValue().get(Cleaning.ORACLE);
            Interval oracleChange = oracle == null ? null
                    : PairedBootstrap.meanDifference(raw.ndcgPerUser(), oracle.ndcgPerUser(), RESAMPLES, 0.95, 1);
            for (Map.Entry<String, RecMetrics> s : r.getValue().entrySet()) {
                if (s.getKey().equals(Cleaning.RAW) || s.getKey().equals(Cleaning.ORACLE)) {
                    continue;
                }
                RecMetrics c = s.getValue();
                out.add(new LiftComparison(r.getKey(), s.getKey(), raw.targetExposure(), c.targetExposure(),
                        oracle == null ? Double.NaN : oracle.targetExposure(), raw.ndcg10(), c.ndcg10(),
                        oracle == null ? Double.NaN : oracle.ndcg10(),
                        PairedBootstrap.meanDifference(raw.ndcgPerUser(), c.ndcgPerUser(), RESAMPLES, 0.95, 1),
                        oracleChange));
            }
        }
        return out;
    }
}
