package dev.seqguard.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.ensemble.CrossFittedDetector;
import dev.seqguard.detect.ensemble.RankAverageEnsembleDetector;
import dev.seqguard.detect.ml.GradientBoostingDetector;
import dev.seqguard.detect.ml.IsolationForestDetector;
import dev.seqguard.detect.ml.KnnDetector;
import dev.seqguard.detect.ml.LofDetector;
import dev.seqguard.detect.ml.OneClassSvmDetector;
import dev.seqguard.detect.ml.RandomCutForestDetector;
import dev.seqguard.detect.ml.RandomForestDetector;
import dev.seqguard.detect.rules.RulesDetector;
import dev.seqguard.detect.stat.HmmDetector;
import dev.seqguard.detect.stat.IqrDetector;
import dev.seqguard.detect.stat.RobustZDetector;
import dev.seqguard.detect.stat.ZScoreDetector;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every detector SeqGuard ships, by name. Adding a detector is one line in {@link #DETECTORS}. */
public final class DetectorRegistry {

    private static final List<Detector<?>> DETECTORS = List.of(
            new ZScoreDetector(),
            new RobustZDetector(),
            new IqrDetector(),
            new HmmDetector(),
            new IsolationForestDetector(),
            new KnnDetector(),
            new LofDetector(),
            new OneClassSvmDetector(),
            new RandomCutForestDetector(),
            new GradientBoostingDetector(),
            new RandomForestDetector(),
            new RulesDetector(),
            new RankAverageEnsembleDetector(),
            new CrossFittedDetector()
    );

    private static final Map<String, Detector<?>> BY_NAME;

    static {
        Map<String, Detector<?>> m = new LinkedHashMap<>();
        for (Detector<?> d : DETECTORS) {
            if (m.put(d.name(), d) != null) {
                throw new IllegalStateException("two detectors named " + d.name());
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private DetectorRegistry() {
    }

    public static List<Detector<?>> all() {
        return DETECTORS;
    }

    public static Optional<Detector<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Detector<?> get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown detector '" + name
                + "'; known: " + String.join(", ", BY_NAME.keySet())));
    }

    /** Fits detector {@code name} with its defaults overridden by {@code params}. */
    public static FittedDetector fit(String name, DetectionData data, Map<String, String> params, long seed) {
        return fit(get(name), data, params, seed);
    }

    public static <C extends Record> FittedDetector fit(Detector<C> detector, DetectionData data,
                                                        Map<String, String> params, long seed) {
        return detector.fit(data, detector.config(params, seed));
    }

    public static FittedDetector load(JsonNode json) throws IOException {
        return ModelIO.fromJson(json, n -> find(n).<Class<? extends FittedDetector>>map(Detector::fittedType).orElse(null));
    }
}
