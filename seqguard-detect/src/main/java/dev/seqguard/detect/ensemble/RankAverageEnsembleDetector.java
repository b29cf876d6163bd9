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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Average ensemble: fits each member, puts its scores on a common scale set by its own training scores, and scores a
 * row by the mean. By default the scale is the percentile ({@code combine=rank}): averaging ranks rather than raw
 * scores makes members of any scale equal voters (Aggarwal &amp; Sathe, "Theoretical foundations and algorithms for
 * outlier ensembles", SIGKDD Expl. 2015). {@code combine=robust-z} averages robust z-scores instead, which keeps how far
 * into the tail a row is ({@link ScoreCombination}).
 */
public final class RankAverageEnsembleDetector implements Detector<RankAverageEnsembleDetector.Config> {

    public static final String NAME = "ensemble";

    /**
     * @param members member detector names joined by {@code +}, e.g. {@code iforest+lof+robust-z}
     * @param combine how members' scores are put on one scale ({@code rank} or {@code robust-z}; models saved before
     *                this parameter existed read as {@code rank})
     */
    public record Config(String members, ScoreCombination combine, long seed) {
        public Config(String members, long seed) {
            this(members, ScoreCombination.RANK, seed);
        }

        public Config {
            combine = combine == null ? ScoreCombination.RANK : combine;
            if (members == null || members.isBlank()) {
                throw new IllegalArgumentException("parameter 'members' must name at least one detector, got '" + members + "'");
            }
            for (String m : memberNames(members)) {
                if (m.equals(NAME)) {
                    throw new IllegalArgumentException("parameter 'members' cannot contain the ensemble itself");
                }
            }
        }

        public static Config defaults(long seed) {
            return new Config("iforest+knn+robust-z", ScoreCombination.RANK, seed);
        }

        public List<String> memberNames() {
            return memberNames(members);
        }

        private static List<String> memberNames(String members) {
            return Arrays.stream(members.split("\\+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    private final DetectorLookup detectors;

    /** @param detectors where the members named in the config are found */
    public RankAverageEnsembleDetector(DetectorLookup detectors) {
        this.detectors = detectors;
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "average of member detectors' calibrated scores (members=a+b+c, combine=rank|robust-z)",
                Family.ENSEMBLE, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        Config config = Configs.parse(Config.defaults(seed), params);
        config.memberNames().forEach(detectors::get);
        return config;
    }

    @Override
    public FittedDetector fit(DetectionData data, Config config) {
        List<FittedDetector> fitted = new ArrayList<>();
        for (String m : config.memberNames()) {
            fitted.add(detectors.fit(m, data, Map.of(), config.seed()));
        }
        return of(fitted, data, config);
    }

    /** An ensemble of already-fitted members, calibrated on {@code data} (the members' training data). */
    public static FittedEnsemble of(List<FittedDetector> members, DetectionData data, Config config) {
        List<ScoreCalibration> calibrations = members.stream().map(f -> ScoreCalibration.of(f.score(data))).toList();
        return new FittedEnsemble(Provenance.of(NAME, config, data, config.seed()), config, members, calibrations);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedEnsemble.class;
    }

    /** The fitted ensemble; members are stored as their own versioned envelopes. */
    public static final class FittedEnsemble extends CompositeFitted<Config> {
        private final List<ScoreCalibration> calibrations;
        private final List<ScoreCombination.Scale> scales;
        private final ScoreCombination combine;

        public FittedEnsemble(Provenance provenance, Config config, List<FittedDetector> members,
                              List<ScoreCalibration> calibrations) {
            super(provenance, config, checked(members, calibrations));
            this.calibrations = List.copyOf(calibrations);
            this.scales = calibrations.stream().map(ScoreCombination.Scale::of).toList();
            this.combine = config.combine();
        }

        private static List<FittedDetector> checked(List<FittedDetector> members, List<ScoreCalibration> calibrations) {
            if (members.size() != calibrations.size() || members.isEmpty()) {
                throw new IllegalArgumentException("an ensemble needs one calibration per member and at least one member");
            }
            return members;
        }

        @JsonCreator
        static FittedEnsemble fromJson(@JsonProperty("provenance") Provenance provenance,
                                       @JsonProperty("config") Config config,
                                       @JsonProperty("members") List<JsonNode> members,
                                       @JsonProperty("calibrations") List<ScoreCalibration> calibrations,
                                       @JacksonInject DetectorLookup detectors) {
            return new FittedEnsemble(provenance, config, restore(members, detectors), calibrations);
        }

        @JsonProperty("calibrations")
        public List<ScoreCalibration> calibrations() {
            return calibrations;
        }

        @Override
        public double[] score(DetectionData data) {
            List<FittedDetector> members = members();
            double[] out = new double[data.size()];
            for (int m = 0; m < members.size(); m++) {
                double[] s = members.get(m).score(data);
                ScoreCombination.Scale c = scales.get(m);
                for (int i = 0; i < out.length; i++) {
                    out[i] += combine.apply(c, s[i]) / members.size();
                }
            }
            return out;
        }

        @Override
        public Optional<double[][]> scoreEvents(DetectionData data) {
            for (FittedDetector m : members()) {
                Optional<double[][]> e = m.scoreEvents(data);
                if (e.isPresent()) {
                    return e;
                }
            }
            return Optional.empty();
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            List<FittedDetector> members = members();
            DetectionData one = data.select(new int[] {row});
            // each member scores the row once; the total adds the standardised scores in score()'s order (same double)
            double total = 0;
            List<Explanation.Contribution> out = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                FittedDetector member = members.get(m);
                double v = combine.apply(scales.get(m), member.score(one)[0]);
                total += v / members.size();
                out.add(new Explanation.Contribution(member.name() + (combine == ScoreCombination.RANK ? " percentile"
                        : " robust z"), v, v));
            }
            // The strongest voter's own reasons are what a reader wants to see next.
            int strongest = 0;
            for (int m = 1; m < out.size(); m++) {
                if (out.get(m).weight() > out.get(strongest).weight()) {
                    strongest = m;
                }
            }
            out.sort(Comparator.comparingDouble(Explanation.Contribution::weight).reversed());
            List<Explanation.Contribution> reasons = new ArrayList<>(out);
            reasons.addAll(members.get(strongest).explain(data, row).contributions());
            return new Explanation(total, reasons);
        }
    }
}
