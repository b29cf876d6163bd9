package dev.seqguard.eval.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.detect.api.Family;
import dev.seqguard.eval.threshold.ConsensusOperatingPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceTest {
    private static final LabelFreeChoice CHOICE = new LabelFreeChoice(List.of("crawler"), 3, "default", 0.5, 0.7, 0.2,
            0.1, 0.3, 0.05, "", new ConsensusOperatingPoint.Estimate(0.5, 10, 5, 20, 3, "k"), true);
    private static final CandidateResult DEFAULT = CandidateResult.failure("default", Family.ENSEMBLE, "-");
    private static final CandidateResult CHALLENGER = CandidateResult.failure("challenger", Family.ENSEMBLE, "-");

    @Test
    void aReplacementIsNeverTrustedBeyondWhatReplacementsEarnedOnTheBank() {
        RobustRule.Decision replaced = new RobustRule.Decision(1, 0, new RobustRule.Gain[2], 0.95, 12);
        Confidence c = Confidence.labelFree(replaced, CHALLENGER, DEFAULT, CHOICE, null);
        assertThat(c.value()).isEqualTo(Confidence.REPLACEMENT_CAP);
        assertThat(c.explanation()).contains("capped at 0.75", "6 of 8 replacements");
    }

    @Test
    void theKeptDefaultKeepsItsMeasuredShare() {
        RobustRule.Decision kept = new RobustRule.Decision(0, 0, new RobustRule.Gain[2], 0.95, 12);
        Confidence c = Confidence.labelFree(kept, DEFAULT, DEFAULT, CHOICE, null);
        assertThat(c.value()).isEqualTo(0.95);
        assertThat(c.explanation()).doesNotContain("capped");
    }

    @Test
    void theFamiliesAgreementIsTheValueWhenOtherFamiliesRan() {
        RobustRule.Decision kept = new RobustRule.Decision(0, 0, new RobustRule.Gain[2], 0.95, 12);
        FamilyAgreement agreement = new FamilyAgreement(0.4, 10, List.of("hbos", "iforest"));
        Confidence c = Confidence.labelFree(kept, DEFAULT, DEFAULT, CHOICE, agreement);
        assertThat(c.value()).isEqualTo(0.4);
        assertThat(c.explanation()).contains("of the 10 users this pick flags, on average 40% are also among the top 10"
                + " of each of hbos, iforest").contains("95% of 12 held-out checks");
    }

    @Test
    void agreementIsTheMeanShareOfThePicksTopKInEachOthersTopK() {
        double[] pick = {9, 8, 7, 1, 0, 2};
        // top 3 of the pick: rows 0, 1, 2; the first other ranks rows 0, 1, 5 on top (2 of 3), the second 3, 4, 5 (0)
        CandidateResult a = scored("a", new double[] {5, 6, 0, 1, 2, 4});
        CandidateResult b = scored("b", new double[] {0, 0, 0, 3, 3, 3});
        FamilyAgreement f = FamilyAgreement.of(pick, List.of(a, b), 3);
        assertThat(f.value()).isEqualTo((2 / 3.0 + 0) / 2);
        assertThat(f.detectors()).containsExactly("a", "b");
        assertThat(FamilyAgreement.of(pick, List.of(), 3)).isNull();
    }

    private static CandidateResult scored(String name, double[] scores) {
        return new CandidateResult(name, Family.STATISTICAL, scores, null, Double.NaN, new double[0], List.of(),
                Double.NaN, 0, 0, 0, null, null);
    }
}
