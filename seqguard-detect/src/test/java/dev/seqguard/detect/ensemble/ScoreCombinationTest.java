package dev.seqguard.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.PlantedData;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreCombinationTest {

    @Test
    void robustZKeepsHowFarIntoTheTailARowIsWhereRanksDoNot() {
        // member a: 1 2 3 4 40 -> median 3, MAD 1 -> scale 1.4826; member b: 10 20 30 40 50 -> median 30, MAD 10
        double[] a = {1, 2, 3, 4, 40};
        double[] b = {10, 20, 30, 40, 50};
        double[] z = ScoreCombination.ROBUST_Z.average(List.of(a, b));
        assertThat(z[4]).isCloseTo(((40 - 3) / 1.4826 + (50 - 30) / 14.826) / 2, within(1e-9));
        assertThat(z[0]).isCloseTo(((1 - 3) / 1.4826 + (10 - 30) / 14.826) / 2, within(1e-9));
        // ranks: the last row is the top of both members, as the 4th row is second of both; the gap is one rank step
        double[] r = ScoreCombination.RANK.average(List.of(a, b));
        assertThat(r[4] - r[3]).isCloseTo(r[3] - r[2], within(1e-12));
        assertThat(z[4] - z[3]).isGreaterThan(10 * (z[3] - z[2]));
    }

    @Test
    void aDegenerateMemberFallsBackToTheSdAndAnExtremeOneIsClipped() {
        // more than half the scores tie: MAD and IQR are 0, the scale falls back to the sample sd, 1e9 / sqrt(7)
        double[] flat = {0, 0, 0, 0, 0, 0, 1e9};
        assertThat(ScoreCombination.ROBUST_Z.average(List.of(flat))[6]).isCloseTo(Math.sqrt(7), within(1e-9));
        double[] extreme = {1, 2, 3, 4, 1e6};
        assertThat(ScoreCombination.ROBUST_Z.average(List.of(extreme))[4]).isEqualTo(ScoreCombination.Z_CAP);
    }

    @Test
    void aRobustZEnsembleRoundTripsAndAModelSavedBeforeTheParameterReadsAsRank() throws IOException {
        DetectionData data = PlantedData.create(40, 5);
        FittedDetector z = DetectorRegistry.fit(RankAverageEnsembleDetector.NAME, data,
                Map.of("members", "iforest+robust-z", "combine", "robust-z"), 3);
        FittedDetector restored = DetectorRegistry.load(ModelIO.toJson(z));
        assertThat(restored.score(data)).containsExactly(z.score(data));
        assertThat(((RankAverageEnsembleDetector.FittedEnsemble) restored).config().combine())
                .isEqualTo(ScoreCombination.ROBUST_Z);

        FittedDetector rank = DetectorRegistry.fit(RankAverageEnsembleDetector.NAME, data,
                Map.of("members", "iforest+robust-z"), 3);
        ObjectNode old = ModelIO.toJson(rank).deepCopy();
        while (old.findParent("combine") != null) {
            ((ObjectNode) old.findParent("combine")).remove("combine");
        }
        assertThat(old.findParent("combine")).isNull();
        FittedDetector oldRestored = DetectorRegistry.load(old);
        assertThat(oldRestored.score(data)).containsExactly(rank.score(data));
        assertThat(z.score(data)).isNotEqualTo(rank.score(data));
    }
}
