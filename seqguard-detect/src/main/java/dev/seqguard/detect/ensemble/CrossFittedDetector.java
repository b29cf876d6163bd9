package dev.seqguard.detect.ensemble;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.DetectorLookup;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Cross-fitting: {@code folds} copies of a supervised detector, copy f trained on every user whose fold is not f,
 * where a user's fold is a hash of the user id. A row is always scored by the copy that never saw its user, in
 * training or as a label — so scoring the training data itself gives out-of-fold scores. This matters when rows are
 * labelled "normal" only by presumption (positive-unlabelled learning): an in-sample model would have learnt the
 * real anomalies among them as normal. Rows made from a user's history (a synthetic takeover of user X) carry X's
 * id, so they share X's fold and never train the copy that scores X.
 */
public final class CrossFittedDetector implements Detector<CrossFittedDetector.Config> {
    public static final String NAME = "cross-fit";

    /**
     * @param member a supervised detector's registry name
     * @param folds  number of copies, 2..20
     */
    public record Config(String member, int folds, long seed) {
        public Config {
            if (member == null || member.isBlank()) {
                throw new IllegalArgumentException("parameter 'member' must name a detector, got '" + member + "'");
            }
            if (member.equals(NAME)) {
                throw new IllegalArgumentException("parameter 'member' cannot be cross-fit itself");
            }
            if (folds < 2 || folds > 20) {
                throw new IllegalArgumentException("parameter 'folds' must be in 2..20, got " + folds);
            }
        }

        public static Config defaults(long seed) {
            return new Config("gbdt", 5, seed);
        }
    }

    private final DetectorLookup detectors;

    /** @param detectors where the member named in the config is found */
    public CrossFittedDetector(DetectorLookup detectors) {
        this.detectors = detectors;
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "a supervised detector cross-fitted by user: every row scored by a copy that never saw its user",
                Family.ENSEMBLE, Set.of(Capability.NEEDS_LABELS));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        Config config = Configs.parse(Config.defaults(seed), params);
        detectors.get(config.member());
        return config;
    }

    @Override
    public FittedDetector fit(DetectionData data, Config config) {
        List<FittedDetector> members = new ArrayList<>();
        for (int f = 0; f < config.folds(); f++) {
            int ff = f;
            int[] train = IntStream.range(0, data.size()).filter(i -> fold(data, i, config.folds()) != ff).toArray();
            members.add(detectors.fit(config.member(), data.select(train), Map.of(), config.seed()));
        }
        return new FittedCrossFit(Provenance.of(NAME, config, data, config.seed()), config, members);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedCrossFit.class;
    }

    /** The fold of row {@code i}: a hash of its user (sequence data) or of its row id (tables). */
    static int fold(DetectionData data, int i, int folds) {
        String group = data.hasSequences() ? data.sequences().get(i).userId() : data.features().rowIds().get(i);
        return Math.floorMod(group.hashCode() * 0x9E3779B9, folds);
    }

    /** The fitted copies, stored as their own versioned envelopes. */
    public static final class FittedCrossFit extends CompositeFitted<Config> {

        public FittedCrossFit(Provenance provenance, Config config, List<FittedDetector> members) {
            super(provenance, config, checked(config, members));
        }

        private static List<FittedDetector> checked(Config config, List<FittedDetector> members) {
            if (members.size() != config.folds()) {
                throw new IllegalArgumentException(members.size() + " members for " + config.folds() + " folds");
            }
            return members;
        }

        @JsonCreator
        static FittedCrossFit fromJson(@JsonProperty("provenance") Provenance provenance,
                                       @JsonProperty("config") Config config,
                                       @JsonProperty("members") List<JsonNode> members,
                                       @JacksonInject DetectorLookup detectors) {
            return new FittedCrossFit(provenance, config, restore(members, detectors));
        }

        @Override
        public double[] score(DetectionData data) {
            List<FittedDetector> members = members();
            double[] out = new double[data.size()];
            for (int f = 0; f < members.size(); f++) {
                int ff = f;
                int[] rows = IntStream.range(0, data.size()).filter(i -> fold(data, i, members.size()) == ff).toArray();
                if (rows.length == 0) {
                    continue;
                }
                double[] s = members.get(f).score(data.select(rows));
                for (int i = 0; i < rows.length; i++) {
                    out[rows[i]] = s[i];
                }
            }
            return out;
        }

        @Override
        public Optional<double[][]> scoreEvents(DetectionData data) {
            return Optional.empty();
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            return members().get(fold(data, row, members().size())).explain(data, row);
        }
    }
}
