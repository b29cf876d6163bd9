package dev.seqguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class NovelSessionFeaturesTest {
    private static final long T0 = 1_511_568_000_000L;
    private static final long MIN = 60_000L;

    private static BehaviorEvent e(String cat, Action a, long minutes) {
        return new BehaviorEvent("u", "i" + cat + minutes, cat, a, T0 + minutes * MIN);
    }

    private static double[] features(List<BehaviorEvent> events) {
        Sequence s = new Sequence("u", "u", events);
        return new SequenceFeatureExtractor().features(s, FeatureContext.ofSequences(List.of(s)));
    }

    @Test
    void laterSessionBuyingInNewCategoriesScoresShareTimesBuys() {
        double[] v = features(List.of(
                e("A", Action.VIEW, 0), e("A", Action.VIEW, 1), e("A", Action.BUY, 2),
                // 2 h later: 3 of 4 events in the never-seen category B, 2 of them buys
                e("B", Action.VIEW, 122), e("B", Action.BUY, 123), e("B", Action.BUY, 124), e("A", Action.VIEW, 125)));
        assertThat(v[SequenceFeature.NOVEL_SESSION_BUY_SCORE.ordinal()]).isEqualTo(0.75 * 2);
        assertThat(v[SequenceFeature.NOVEL_SESSION_BUYS.ordinal()]).isEqualTo(2);
    }

    @Test
    void firstSessionNeverCountsAsNovelAndGapsUnderHalfAnHourDoNotCut() {
        double[] v = features(List.of(
                e("A", Action.BUY, 0), e("B", Action.BUY, 1),
                // 29 min later: same session, so B and C are not "after a history"
                e("C", Action.BUY, 30)));
        assertThat(v[SequenceFeature.NOVEL_SESSION_BUY_SCORE.ordinal()]).isZero();
        assertThat(v[SequenceFeature.NOVEL_SESSION_BUYS.ordinal()]).isZero();
    }

    @Test
    void theStrongestSessionWinsAndBuysAreNotCapped() {
        double[] v = features(List.of(
                e("A", Action.VIEW, 0),
                e("B", Action.BUY, 60), e("A", Action.VIEW, 61),
                e("C", Action.BUY, 200), e("C", Action.BUY, 201), e("D", Action.BUY, 202), e("E", Action.BUY, 203)));
        assertThat(v[SequenceFeature.NOVEL_SESSION_BUY_SCORE.ordinal()]).isEqualTo(1.0 * 3);
        assertThat(v[SequenceFeature.NOVEL_SESSION_BUYS.ordinal()]).isEqualTo(4);
    }

    @Test
    void aLaterSessionInCategoriesNoOtherSessionTouchesScoresItsShareTimesLogSizeTimesBuys() {
        double[] v = features(List.of(
                e("A", Action.VIEW, 0), e("A", Action.VIEW, 1), e("B", Action.VIEW, 2),
                // 2 h later: 4 events, 3 in C and D which no other session touches, one of them a buy; B came before
                e("C", Action.VIEW, 122), e("C", Action.BUY, 123), e("D", Action.VIEW, 124), e("B", Action.VIEW, 125),
                // 2 h later: A again, so the first session is not isolated (and it is never scored anyway)
                e("A", Action.VIEW, 250), e("A", Action.VIEW, 251), e("A", Action.VIEW, 252)));
        assertThat(v[SequenceFeature.ISOLATED_SESSION_SCORE.ordinal()])
                .isCloseTo(3 / 4.0 * Math.log1p(4) * (1 + 1), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aCategoryThatComesBackLaterIsNoLongerIsolatedAndShortSessionsAreNotScored() {
        double[] v = features(List.of(
                e("A", Action.VIEW, 0),
                e("C", Action.VIEW, 100), e("C", Action.VIEW, 101), e("C", Action.VIEW, 102),
                e("C", Action.VIEW, 300), e("E", Action.VIEW, 301)));
        // C is in the second and third sessions; the third has 2 events, under the minimum of 3
        assertThat(v[SequenceFeature.ISOLATED_SESSION_SCORE.ordinal()]).isZero();
    }
}
