package dev.seqguard.deep.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A takeover in miniature: one session of a user is grammatical but in a category the user never touches. Its events
 * predict each other, so hiding events one group at a time finds little; hiding the whole session finds it.
 */
class TransformerSessionMaskingTest {
    private static final int SESSIONS = 5;
    private static final int FOREIGN_SESSION = 2;
    private static final int EVENTS_PER_SESSION = 6;
    private static TransformerMlmDetector.FittedTransformerMlm fitted;

    @BeforeAll
    static void fit() {
        List<Sequence> train = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            train.add(GrammarData.sessionUser("u" + u, u % 5, SESSIONS, -1, 0));
        }
        fitted = (TransformerMlmDetector.FittedTransformerMlm) DetectorRegistry.fit(TransformerMlmDetector.NAME,
                GrammarData.data(train, null), TransformerMlmDetectorTest.with(TransformerMlmDetectorTest.TINY,
                        "window", "32"), 7);
    }

    @Test
    void aSelfConsistentForeignSessionIsSurprisingOnlyWhenHiddenWhole() {
        Sequence planted = GrammarData.sessionUser("x", 1, SESSIONS, FOREIGN_SESSION, 3);
        SurpriseScorer scorer = LanguageModel.scorer(
                LanguageModel.live(fitted.weights(), fitted.config().encoder(), fitted.vocabulary()),
                fitted.config().encoder());
        SurpriseScorer.Predictions p = scorer.score(List.of(planted), 1, false).get(0);
        int from = FOREIGN_SESSION * EVENTS_PER_SESSION;
        int to = from + EVENTS_PER_SESSION;
        double foreignHidden = 0;
        double foreignOwn = 0;
        double normalHidden = 0;
        for (int e = 0; e < planted.length(); e++) {
            double[] c = p.components()[e];
            double own = c[0] + c[1] + c[2];
            double hidden = c[SurpriseScorer.PARTS] + c[SurpriseScorer.PARTS + 1] + c[SurpriseScorer.PARTS + 2];
            if (e >= from && e < to) {
                foreignHidden += hidden / EVENTS_PER_SESSION;
                foreignOwn += own / EVENTS_PER_SESSION;
            } else {
                normalHidden = Math.max(normalHidden, hidden);
            }
        }
        assertThat(foreignHidden).as("foreign session, hidden whole").isGreaterThan(normalHidden + 2.0)
                .isGreaterThan(foreignOwn + 2.0);
        double[] scores = p.surprise();
        double lowestForeign = Arrays.stream(scores, from, to).min().orElseThrow();
        for (int e = 0; e < scores.length; e++) {
            if (e < from || e >= to) {
                assertThat(scores[e]).as("event %d", e).isLessThan(lowestForeign);
            }
        }
        double[] normal = scorer.score(List.of(GrammarData.sessionUser("ok", 1, SESSIONS, -1, 0)), 1, false).get(0)
                .surprise();
        assertThat(Arrays.stream(normal).max().orElseThrow()).as("most surprising event of a normal user")
                .isLessThan(lowestForeign);
    }
}
