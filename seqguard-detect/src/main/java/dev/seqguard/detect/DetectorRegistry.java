package dev.seqguard.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorLookup;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.ensemble.CrossFittedDetector;
import dev.seqguard.detect.ensemble.RankAverageEnsembleDetector;
import dev.seqguard.detect.ml.GradientBoostingDetector;
import dev.seqguard.detect.ml.IsolationForestDetector;
import dev.seqguard.detect.ml.KnnDetector;
import dev.seqguard.detect.ml.LofDetector;
import dev.seqguard.detect.ml.OneClassSvmDetector;
import dev.seqguard.detect.ml.PcaDetector;
import dev.seqguard.detect.ml.RandomCutForestDetector;
import dev.seqguard.detect.ml.RandomForestDetector;
import dev.seqguard.detect.rules.RulesDetector;
import dev.seqguard.detect.stat.EcodDetector;
import dev.seqguard.detect.stat.HbosDetector;
import dev.seqguard.detect.stat.HmmDetector;
import dev.seqguard.detect.stat.IqrDetector;
import dev.seqguard.detect.stat.RobustZDetector;
import dev.seqguard.detect.stat.ZScoreDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every detector SeqGuard ships, by name. Adding a detector is one line in {@link #BUILT_IN}, or, for a detector in a
 * module this one cannot depend on (the deep detectors on DJL), one line in that module's
 * {@code META-INF/services/dev.seqguard.detect.api.Detector}: detectors found on the class path join the registry
 * after the built-in ones.
 */
public final class DetectorRegistry {

    /** The registry as a {@link DetectorLookup}; declared before {@link #BUILT_IN}, whose composites are given it. */
    private static final DetectorLookup LOOKUP = new DetectorLookup() {
        @Override
        public Optional<Detector<?>> find(String name) {
            return DetectorRegistry.find(name);
        }

        @Override
        public Detector<?> get(String name) {
            return DetectorRegistry.get(name);
        }
    };

    private static final List<Detector<?>> BUILT_IN = List.of(
            new ZScoreDetector(),
            new RobustZDetector(),
            new IqrDetector(),
            new HbosDetector(),
            new EcodDetector(),
            new HmmDetector(),
            new IsolationForestDetector(),
            new KnnDetector(),
            new LofDetector(),
            new OneClassSvmDetector(),
            new PcaDetector(),
            new RandomCutForestDetector(),
            new GradientBoostingDetector(),
            new RandomForestDetector(),
            new RulesDetector(),
            new RankAverageEnsembleDetector(DetectorRegistry.lookup()),
            new CrossFittedDetector(DetectorRegistry.lookup())
    );

    private static final List<Detector<?>> DETECTORS = withPlugins(BUILT_IN);

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

    /** The registry as a {@link DetectorLookup}, e.g. for a composite detector built outside it. */
    public static DetectorLookup lookup() {
        return LOOKUP;
    }

    private static List<Detector<?>> withPlugins(List<Detector<?>> builtIn) {
        List<Detector<?>> all = new ArrayList<>(builtIn);
        for (Detector<?> d : ServiceLoader.load(Detector.class, DetectorRegistry.class.getClassLoader())) {
            all.add(d);
        }
        return List.copyOf(all);
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
        return DetectorLookup.fit(detector, data, params, seed);
    }

    public static FittedDetector load(JsonNode json) throws IOException {
        return ModelIO.restore(json, LOOKUP);
    }
}
