package dev.seqguard.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.PlantedData;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.StreamingDetector.StreamScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingScorerTest {
    private static final DetectionData DATA = PlantedData.create(60, 6);
    private static final FeatureContext CONTEXT = FeatureContext.ofSequences(DATA.sequences());

    @Test
    void lastStreamedScoreOfAUserEqualsTheBatchScoreOfTheirSequence() {
        FittedDetector iforest = DetectorRegistry.fit("iforest", DATA, Map.of(), 3);
        StreamingScorer scorer = new StreamingScorer(iforest, new SequenceFeatureExtractor(), CONTEXT, 5, 1000);
        double[] batch = iforest.score(DATA.withoutLabels());
        for (int row : new int[] {0, 7, 60, 63}) {
            StreamScore last = null;
            for (BehaviorEvent e : DATA.sequences().get(row).events()) {
                last = scorer.process(e);
            }
            assertThat(last.warmedUp()).isTrue();
            assertThat(last.score()).isCloseTo(batch[row], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aUserIsWarmingUpUntilMinEventsAndTheScoreIsNotANumberMeanwhile() {
        FittedDetector robust = DetectorRegistry.fit("robust-z", DATA, Map.of(), 3);
        StreamingScorer scorer = new StreamingScorer(robust, new SequenceFeatureExtractor(), CONTEXT, 3, 1000);
        Sequence s = DATA.sequences().get(1);
        assertThat(scorer.process(s.events().get(0)).warmedUp()).isFalse();
        assertThat(scorer.process(s.events().get(1)).score()).isNaN();
        assertThat(scorer.process(s.events().get(2)).warmedUp()).isTrue();
    }

    @Test
    void userStateIsCappedAndEvictionsAreCounted() {
        FittedDetector robust = DetectorRegistry.fit("robust-z", DATA, Map.of(), 3);
        StreamingScorer scorer = new StreamingScorer(robust, new SequenceFeatureExtractor(), CONTEXT, 1, 2);
        for (int u = 0; u < 5; u++) {
            scorer.process(new BehaviorEvent("flood" + u, "i1", "c1", Action.VIEW, 1_511_568_000_000L + u));
        }
        assertThat(scorer.users()).isEqualTo(2);
        assertThat(scorer.evictions()).isEqualTo(3);
    }

    @Test
    void randomCutForestLearnsOnlineAndReportsWarmUpUntilItsForestIsFull() {
        FittedDetector rcf = DetectorRegistry.fit("rcf", DATA, Map.of("sampleSize", "96", "trees", "20"), 3);
        StreamingScorer scorer = new StreamingScorer(rcf, new SequenceFeatureExtractor(), CONTEXT, 1, 1000);
        List<BehaviorEvent> events = DATA.sequences().get(2).events();
        // 66 training rows fill 66 of 96 slots: the forest needs 30 more points before it judges
        for (int i = 0; i < 29; i++) {
            assertThat(scorer.process(events.get(i)).warmedUp()).as("event %d", i).isFalse();
        }
        StreamScore later = null;
        for (int i = 30; i < events.size(); i++) {
            later = scorer.process(events.get(i));
        }
        assertThat(later.warmedUp()).isTrue();
        assertThat(later.score()).isFinite();
    }

    @Test
    void outOfOrderEventsOfAUserAreRejectedClearly() {
        FittedDetector robust = DetectorRegistry.fit("robust-z", DATA, Map.of(), 3);
        StreamingScorer scorer = new StreamingScorer(robust, new SequenceFeatureExtractor(), CONTEXT, 1, 10);
        scorer.process(new BehaviorEvent("u", "i", "c", Action.VIEW, 2_000));
        assertThatThrownBy(() -> scorer.process(new BehaviorEvent("u", "i", "c", Action.VIEW, 1_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
    }

    @Test
    void absorbedHistoryGivesTheSameStateAsProcessedHistoryAndEvictionsAreReported() {
        FittedDetector robust = DetectorRegistry.fit("robust-z", DATA, Map.of(), 3);
        java.util.List<String> evicted = new java.util.ArrayList<>();
        StreamingScorer live = new StreamingScorer(robust, new SequenceFeatureExtractor(), CONTEXT, 1, 1000);
        StreamingScorer restored = new StreamingScorer(robust, new SequenceFeatureExtractor(), CONTEXT, 1, 1, evicted::add);
        Sequence s = DATA.sequences().get(2);
        StreamScore last = null;
        for (BehaviorEvent e : s.events()) {
            last = live.process(e);
            restored.absorb(e);
        }
        assertThat(restored.features(s.userId())).containsExactly(live.features(s.userId()));
        assertThat(live.features(s.userId())).containsExactly(live.features(s.userId()));
        assertThat(robust.score(DetectionData.of(new dev.seqguard.core.features.FeatureMatrix(
                new SequenceFeatureExtractor().names(), List.of(s.userId()), new double[][] {restored.features(s.userId())})))[0])
                .isEqualTo(last.score());
        assertThat(restored.features("nobody")).isNull();
        restored.absorb(new BehaviorEvent("other", "i1", "c1", Action.VIEW, 1_511_568_000_000L));
        assertThat(evicted).containsExactly(s.userId());
    }
}
