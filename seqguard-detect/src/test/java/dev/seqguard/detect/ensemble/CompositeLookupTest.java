package dev.seqguard.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.detect.PlantedData;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorLookup;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.stat.RobustZDetector;
import dev.seqguard.detect.stat.ZScoreDetector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Composite detectors find, fit and restore their members through the lookup they are given, not a global one. */
class CompositeLookupTest {
    private static final DetectionData DATA = PlantedData.create(30, 4);

    /** Knows only the two z detectors and the ensemble itself. */
    private static final DetectorLookup SMALL = new DetectorLookup() {
        private final List<Detector<?>> known = List.of(new ZScoreDetector(), new RobustZDetector(),
                new RankAverageEnsembleDetector(this));

        @Override
        public Optional<Detector<?>> find(String name) {
            return known.stream().filter(d -> d.name().equals(name)).findFirst();
        }
    };

    @Test
    void ensembleFitsAndRestoresMembersThroughItsLookup() throws IOException {
        FittedDetector fitted = SMALL.fit(RankAverageEnsembleDetector.NAME, DATA,
                Map.of("members", "zscore+robust-z"), 3);
        FittedDetector restored = SMALL.load(ModelIO.toJson(fitted));

        assertThat(((RankAverageEnsembleDetector.FittedEnsemble) restored).members())
                .extracting(FittedDetector::name).containsExactly("zscore", "robust-z");
        assertThat(restored.score(DATA)).containsExactly(fitted.score(DATA));
    }

    @Test
    void rejectsAMemberItsLookupDoesNotKnow() {
        RankAverageEnsembleDetector ensemble = new RankAverageEnsembleDetector(SMALL);

        assertThatThrownBy(() -> ensemble.config(Map.of("members", "zscore+iforest"), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'iforest'");
        assertThatThrownBy(() -> new CrossFittedDetector(SMALL).config(Map.of("member", "gbdt"), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gbdt'");
    }
}
