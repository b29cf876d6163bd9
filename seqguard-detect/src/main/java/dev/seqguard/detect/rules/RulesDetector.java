package dev.seqguard.detect.rules;

import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Declarative expert rules (the rule language is described in {@link RuleParser}). A unit's score is the
 * weighted count of fired rules plus a small continuous term for how far past (or short of) each rule's
 * thresholds it is, see {@link RuleFiring#contribution}; an event scores 1 when it is evidence of a fired rule
 * (e.g. inside a window that reached a count threshold), else 0. Nothing is learned: fit only checks that the
 * data has what the rules read. Use {@link RuleBoost} to combine rule scores with a model's scores.
 */
public final class RulesDetector implements Detector<RulesDetector.Config> {

    public static final String NAME = "rules";

    /**
     * The built-in rules, used when no rules are given. Thresholds sit well above what human shoppers do in the
     * Taobao sample (see the test {@code DefaultRulesOnRealTrafficTest}), so they aim at precision:
     * <ul>
     *   <li>bulk-buy: the same item bought 3+ times within an hour (click farming, promotion abuse);</li>
     *   <li>view-storm: more than 30 page views within a minute (crawlers: faster than one can read);</li>
     *   <li>machine-gaps: 30+ events whose gaps vary by less than 10% of their mean (scripted bots);</li>
     *   <li>click-burst: more than 20 ad clicks within a minute (click fraud);</li>
     *   <li>cart-storm: more than 20 carts or favourites within 10 minutes (hoarding, coupon abuse).</li>
     * </ul>
     */
    public static final String DEFAULT_RULES = String.join("\n",
            "# click farming / promotion abuse: one item bought again and again",
            "name=bulk-buy weight=2: count(action=buy, same=item) >= 3 within 1h",
            "# crawlers: page views faster than a person can read",
            "name=view-storm: count(action=pv) > 30 within 1m",
            "# scripted bots: metronome-regular gaps over a long run",
            "name=machine-gaps: gap_cv < 0.1 and length >= 30",
            "# ad-click fraud: click bursts",
            "name=click-burst: count(action=click) > 20 within 1m",
            "# hoarding / coupon abuse: carts or favourites in a rush",
            "name=cart-storm: count(action=cart|fav) > 20 within 10m");

    /**
     * @param rules       the rules text (saved with the model)
     * @param marginWeight weight of the continuous near-miss term, in [0, 1)
     * @param seed        recorded in the provenance (rules are deterministic)
     */
    public record Config(String rules, double marginWeight, long seed) {
        public Config {
            if (rules == null || rules.isBlank()) {
                throw new IllegalArgumentException("parameter 'rules' must hold at least one rule, got none");
            }
            List<Rule> parsed;
            try {
                parsed = RuleParser.parse(rules);
            } catch (RuleSyntaxException e) {
                throw new IllegalArgumentException("parameter 'rules' is invalid: " + e.getMessage(), e);
            }
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("parameter 'rules' must hold at least one rule, got only comments");
            }
            if (!(marginWeight >= 0 && marginWeight < 1)) {
                throw new IllegalArgumentException("parameter 'marginWeight' must be in [0, 1), got " + marginWeight);
            }
        }

        public static Config defaults(long seed) {
            return new Config(DEFAULT_RULES, 0.1, seed);
        }

        /** The parsed rules (parsing is cheap and the text is what gets saved). */
        public List<Rule> parsedRules() {
            return RuleParser.parse(rules);
        }
    }

    /** Fitted rules: only the config, whose text is the whole model. */
    public record FittedRules(Provenance provenance, Config config) implements FittedDetector {

        @Override
        public double[] score(DetectionData data) {
            List<List<RuleFiring>> all = evaluate(data);
            double[] out = new double[all.size()];
            for (int r = 0; r < out.length; r++) {
                out[r] = total(all.get(r));
            }
            return out;
        }

        @Override
        public Optional<double[][]> scoreEvents(DetectionData data) {
            DataChecks.requireSequences(data, NAME);
            List<List<RuleFiring>> all = evaluate(data);
            double[][] out = new double[all.size()][];
            for (int r = 0; r < out.length; r++) {
                out[r] = new double[data.sequences().get(r).length()];
                for (RuleFiring f : all.get(r)) {
                    for (int i = f.events().nextSetBit(0); i >= 0; i = f.events().nextSetBit(i + 1)) {
                        out[r][i] = 1.0;
                    }
                }
            }
            return Optional.of(out);
        }

        /** The fired rules, one line per condition: rule and condition text, the observed value, the rule's share. */
        @Override
        public Explanation explain(DetectionData data, int row) {
            List<RuleFiring> firings = evaluate(data.select(new int[] {row})).get(0);
            List<Explanation.Contribution> parts = new ArrayList<>();
            firings.stream().filter(RuleFiring::fired)
                    .sorted(Comparator.comparingDouble((RuleFiring f) -> f.contribution(config.marginWeight())).reversed())
                    .forEach(f -> {
                        for (int k = 0; k < f.observations().size(); k++) {
                            parts.add(new Explanation.Contribution(f.rule().name() + ": " + f.rule().conditions().get(k).text(),
                                    f.observations().get(k).observed(), f.contribution(config.marginWeight())));
                        }
                    });
            return new Explanation(total(firings), parts);
        }

        private double total(List<RuleFiring> firings) {
            double s = 0;
            for (RuleFiring f : firings) {
                s += f.contribution(config.marginWeight());
            }
            return s;
        }

        private List<List<RuleFiring>> evaluate(DetectionData data) {
            List<Rule> rules = config.parsedRules();
            Map<String, Integer> index = requireReadable(rules, data);
            List<List<RuleFiring>> out = new ArrayList<>(data.size());
            for (int r = 0; r < data.size(); r++) {
                Sequence s = data.hasSequences() ? data.sequences().get(r) : null;
                List<RuleFiring> firings = new ArrayList<>(rules.size());
                for (Rule rule : rules) {
                    firings.add(RuleFiring.evaluate(rule, s, data.features().row(r), index));
                }
                out.add(firings);
            }
            return out;
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "declarative expert rules (window counts, sequence measures, features)",
                Family.RULES, Set.of(Capability.NEEDS_SEQUENCES, Capability.EVENT_SCORES));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedRules.class;
    }

    @Override
    public FittedDetector fit(DetectionData data, Config config) {
        requireReadable(config.parsedRules(), data);
        return new FittedRules(Provenance.of(NAME, config, data, config.seed()), config);
    }

    /**
     * Checks the data has the sequences and features the rules read, and that features are finite.
     *
     * @return feature name to column
     */
    static Map<String, Integer> requireReadable(List<Rule> rules, DetectionData data) {
        Map<String, Integer> index = new HashMap<>();
        List<String> names = data.features().names();
        for (int j = 0; j < names.size(); j++) {
            index.putIfAbsent(names.get(j), j);
        }
        for (Rule rule : rules) {
            if (rule.needsSequence() && !data.hasSequences()) {
                DataChecks.requireSequences(data, NAME + " (rule '" + rule.name() + "')");
            }
            for (Condition c : rule.conditions()) {
                if (c instanceof Condition.Feature f) {
                    RuleFiring.column(rule, f, index);
                }
            }
        }
        DataChecks.requireColumns(data, names.size(), NAME);
        return index;
    }
}
