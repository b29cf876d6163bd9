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
        Confidence c = Confidence.labelFree(replaced, CHALLENGER, DEFAULT, CHOICE);
        assertThat(c.value()).isEqualTo(Confidence.REPLACEMENT_CAP);
        assertThat(c.explanation()).contains("capped at 0.75", "6 of 8 replacements");
    }

    @Test
    void theKeptDefaultKeepsItsMeasuredShare() {
        RobustRule.Decision kept = new RobustRule.Decision(0, 0, new RobustRule.Gain[2], 0.95, 12);
        Confidence c = Confidence.labelFree(kept, DEFAULT, DEFAULT, CHOICE);
        assertThat(c.value()).isEqualTo(0.95);
        assertThat(c.explanation()).doesNotContain("capped");
    }
}
