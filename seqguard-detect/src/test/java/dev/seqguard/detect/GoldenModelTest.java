package dev.seqguard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backward compatibility of saved models: files saved by an earlier SeqGuard (in {@code src/test/resources/golden},
 * each with the rows it scored and the scores it gave) must load and score the same. Regenerate only on purpose,
 * with {@code -Dseqguard.golden.write=true}, when the format version changes.
 */
class GoldenModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"robust-z", "iforest", "lof", "gbdt", "ocsvm", "rcf"})
    void modelSavedByAnEarlierVersionLoadsAndScoresTheSame(String detector) throws IOException {
        if (Boolean.getBoolean("seqguard.golden.write")) {
            write(detector);
        }
        JsonNode golden;
        try (InputStream in = GoldenModelTest.class.getResourceAsStream("/golden/" + detector + ".json")) {
            assertThat(in).as("golden file for %s", detector).isNotNull();
            golden = ModelIO.mapper().readTree(in);
        }
        FittedDetector model = DetectorRegistry.load(golden.get("model"));
        List<String> names = new ArrayList<>();
        golden.get("names").forEach(n -> names.add(n.asText()));
        double[][] rows = ModelIO.mapper().treeToValue(golden.get("rows"), double[][].class);
        double[] expected = ModelIO.mapper().treeToValue(golden.get("scores"), double[].class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            ids.add("r" + i);
        }
        double[] scores = model.score(DetectionData.of(new FeatureMatrix(names, ids, rows)));
        for (int i = 0; i < expected.length; i++) {
            assertThat(scores[i]).as("row %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static void write(String detector) throws IOException {
        DetectionData data = PlantedData.create(40, 4);
        FittedDetector model = DetectorRegistry.fit(detector, data, Map.of(), 5);
        DetectionData probe = data.select(new int[] {0, 1, 2, 40, 41, 43});
        ObjectNode root = ModelIO.mapper().createObjectNode();
        root.set("model", ModelIO.toJson(model));
        ArrayNode names = root.putArray("names");
        probe.features().names().forEach(names::add);
        root.set("rows", ModelIO.mapper().valueToTree(probe.features().values()));
        root.set("scores", ModelIO.mapper().valueToTree(model.score(probe.withoutLabels())));
        Path dir = Path.of("src", "test", "resources", "golden");
        Files.createDirectories(dir);
        ModelIO.mapper().writeValue(dir.resolve(detector + ".json").toFile(), root);
    }
}
