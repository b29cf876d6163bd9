package dev.seqguard.detect.rules;

import static dev.seqguard.core.model.Action.BUY;
import static dev.seqguard.core.model.Action.CART;
import static dev.seqguard.core.model.Action.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.stat.SequenceFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesDetectorTest {

    private static FittedDetector fit(DetectionData data, Map<String, String> params) {
        return DetectorRegistry.fit("rules", data, params, 1L);
    }

    private static FittedDetector fit(DetectionData data, String rules) {
        return fit(data, Map.of("rules", rules));
    }

    /** Browses a few items at human pace, buys once. */
    private static Sequence shopper(String id, Random rng) {
        SequenceFixtures.Builder b = SequenceFixtures.user(id);
        for (int i = 0; i < 8 + rng.nextInt(10); i++) {
            b.then(VIEW, "i" + rng.nextInt(100), "c" + rng.nextInt(5), 5 + rng.nextInt(300));
        }
        return b.then(CART, "i1", "c1", 30).then(BUY, "i1", "c1", 60).build();
    }

    /** Views an item, then buys it {@code buys} times, {@code gapSeconds} apart. */
    private static Sequence repeatBuyer(String id, int buys, double gapSeconds) {
        SequenceFixtures.Builder b = SequenceFixtures.user(id).then(VIEW, "target", "c1", 0);
        for (int i = 0; i < buys; i++) {
            b.then(BUY, "target", "c1", gapSeconds);
        }
        return b.build();
    }

    @Test
    void bulkBuyFiresOnRepeatedBuysOfOneItemWithinTheWindowAndMarksThem() {
        String rule = "name=bulk-buy: count(action=buy, same=item) > 3 within 1h";
        SequenceFixtures.Builder differentItems = SequenceFixtures.user("d");
        for (int i = 0; i < 5; i++) {
            differentItems.then(BUY, "item" + i, "c1", 60);
        }
        List<Sequence> seqs = List.of(repeatBuyer("fast", 4, 600), repeatBuyer("slow", 4, 3600), differentItems.build());
        DetectionData data = SequenceFixtures.data(seqs);
        FittedDetector f = fit(data, rule);
        double[] s = f.score(data);
        assertThat(s[0]).isGreaterThan(1.0);
        assertThat(s[1]).isLessThan(0.1);
        assertThat(s[2]).isLessThan(0.1);
        double[][] ev = f.scoreEvents(data).orElseThrow();
        assertThat(ev[0]).containsExactly(0, 1, 1, 1, 1); // the view is no evidence, the four buys are
        assertThat(ev[1]).containsOnly(0.0);
        assertThat(ev[2]).containsOnly(0.0);
    }

    @Test
    void windowIsHalfOpen() {
        String rule = "name=storm: count(action=pv) > 3 within 1m";
        Sequence inside = SequenceFixtures.user("in").then(VIEW, "a", "c", 0).then(VIEW, "b", "c", 20)
                .then(VIEW, "c", "c", 20).then(VIEW, "d", "c", 19).build();
        Sequence edge = SequenceFixtures.user("edge").then(VIEW, "a", "c", 0).then(VIEW, "b", "c", 20)
                .then(VIEW, "c", "c", 20).then(VIEW, "d", "c", 20).build();
        DetectionData data = SequenceFixtures.data(List.of(inside, edge));
        double[] s = fit(data, rule).score(data);
        assertThat(s[0]).isGreaterThanOrEqualTo(1.0);
        assertThat(s[1]).isLessThan(1.0);
    }

    @Test
    void scoreIsWeightedFiringsPlusTheDocumentedMarginTerm() {
        String rules = "name=long weight=2: length > 4\nname=many-items: distinct_items >= 100";
        Sequence ten = repeatBuyer("ten", 9, 60);
        Sequence three = repeatBuyer("three", 2, 60);
        DetectionData data = SequenceFixtures.data(List.of(ten, three));
        double[] s = fit(data, Map.of("rules", rules, "marginWeight", "0.1")).score(data);
        // ten: length 10 fires, margin (10 - 4) / 4; one distinct item, margin (1 - 100) / 100.
        double expectedTen = 2 * (1 + 0.1 * (0.5 + 0.5 * Math.tanh(1.5))) + 0.1 * (0.5 + 0.5 * Math.tanh(-0.99));
        double expectedThree = 2 * 0.1 * (0.5 + 0.5 * Math.tanh(-0.25)) + 0.1 * (0.5 + 0.5 * Math.tanh(-0.99));
        assertThat(s).containsExactly(new double[] {expectedTen, expectedThree}, within(1e-12));
    }

    @Test
    void nearMissesRankBelowFiringsButAboveFarMisses() {
        String rule = "name=bulk: count(action=buy, same=item) >= 5 within 1h";
        DetectionData data = SequenceFixtures.data(List.of(repeatBuyer("far", 1, 60), repeatBuyer("near", 4, 60),
                repeatBuyer("fired", 5, 60), repeatBuyer("way-past", 12, 60)));
        double[] s = fit(data, rule).score(data);
        assertThat(s).isSorted();
        assertThat(s[1]).isLessThan(1.0);
        assertThat(s[2]).isGreaterThan(1.0);
    }

    @Test
    void machineGapsFiresOnMetronomeTimingOnly() {
        SequenceFixtures.Builder bot = SequenceFixtures.user("bot");
        SequenceFixtures.Builder human = SequenceFixtures.user("human");
        Random rng = new Random(4);
        for (int i = 0; i < 40; i++) {
            bot.then(VIEW, "i" + i, "c", 5);
            human.then(VIEW, "i" + i, "c", 1 + rng.nextInt(120));
        }
        Sequence shortOne = SequenceFixtures.user("short").then(VIEW, "a", "c", 0).then(VIEW, "b", "c", 5).build();
        DetectionData data = SequenceFixtures.data(List.of(bot.build(), human.build(), shortOne));
        FittedDetector f = fit(data, "name=machine-gaps: gap_cv < 0.1 and length >= 30");
        double[] s = f.score(data);
        assertThat(s[0]).isGreaterThan(1.0);
        assertThat(s[1]).isLessThan(1.0);
        assertThat(s[2]).isFinite().isLessThan(1.0); // gap_cv is undefined for two events: the rule cannot fire
        assertThat(f.scoreEvents(data).orElseThrow()[0]).containsOnly(1.0);
    }

    @Test
    void testsNamedFeaturesAndWorksOnTablesWhenNoRuleCountsEvents() {
        FeatureMatrix m = new FeatureMatrix(List.of("buy_rate", "gap_cv"), List.of("a", "b"),
                new double[][] {{0.95, 1.0}, {0.1, 1.0}});
        DetectionData table = DetectionData.of(m);
        FittedDetector f = fit(table, "name=buyer: feature(buy_rate) > 0.9");
        double[] s = f.score(table);
        assertThat(s[0]).isGreaterThan(1.0);
        assertThat(s[1]).isLessThan(1.0);
        assertThat(f.explain(table, 0).contributions()).containsExactly(
                new Explanation.Contribution("buyer: feature(buy_rate) > 0.9", 0.95, s[0]));
        assertThatThrownBy(() -> fit(table, "name=x: feature(dwell) > 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 'dwell'")
                .hasMessageContaining("rule 'x'");
        assertThatThrownBy(() -> fit(table, "name=x: count(action=pv) > 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequences");
    }

    @Test
    void explainsFiredRulesWithTheObservedValues() {
        DetectionData data = SequenceFixtures.data(List.of(repeatBuyer("r", 6, 30)));
        FittedDetector f = fit(data, Map.of());
        Explanation e = f.explain(data, 0);
        assertThat(e.score()).isEqualTo(f.score(data)[0]);
        assertThat(e.contributions()).extracting(Explanation.Contribution::name)
                .containsExactly("bulk-buy: count(action=buy, same=item) >= 3 within 1h");
        assertThat(e.contributions().get(0).value()).isEqualTo(6.0);
    }

    @Test
    void defaultRulesPutPlantedFraudAboveEveryShopper() {
        Random rng = new Random(9);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seqs.add(shopper("u" + i, rng));
        }
        seqs.add(repeatBuyer("farmer", 5, 120));
        SequenceFixtures.Builder crawler = SequenceFixtures.user("crawler");
        for (int i = 0; i < 200; i++) {
            crawler.then(VIEW, "p" + i, "c" + (i % 30), 1 + rng.nextDouble());
        }
        seqs.add(crawler.build());
        DetectionData data = SequenceFixtures.data(seqs);
        double[] s = fit(data, Map.of()).score(data);
        double maxShopper = Arrays.stream(s, 0, 50).max().orElseThrow();
        assertThat(Math.min(s[50], s[51])).isGreaterThan(maxShopper);
        assertThat(maxShopper).isLessThan(1.0);
    }

    @Test
    void savedAndLoadedModelKeepsTheRulesAndScoresExactly() throws Exception {
        Random rng = new Random(2);
        DetectionData data = SequenceFixtures.data(List.of(shopper("a", rng), repeatBuyer("b", 4, 10), shopper("c", rng)));
        FittedDetector f = fit(data, Map.of("rules", "name=x weight=3: count(action=buy, same=item) > 2 within 5m;"
                + " name=y: duration > 600", "marginWeight", "0.2"));
        String json = ModelIO.mapper().writeValueAsString(ModelIO.toJson(f));
        FittedDetector back = DetectorRegistry.load(ModelIO.mapper().readTree(json));
        assertThat(back).isEqualTo(f);
        assertThat(back.score(data)).containsExactly(f.score(data));
    }

    @Test
    void scoresABatchAsItScoresEachSequenceAlone() {
        Random rng = new Random(3);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seqs.add(i % 3 == 0 ? repeatBuyer("r" + i, 2 + i, 100) : shopper("s" + i, rng));
        }
        DetectionData data = SequenceFixtures.data(seqs);
        FittedDetector f = fit(data, Map.of());
        double[] batch = f.score(data);
        for (int i = 0; i < batch.length; i++) {
            assertThat(f.score(data.select(new int[] {i}))[0]).isEqualTo(batch[i]);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "marginWeight | 1 | marginWeight",
            "marginWeight | -0.1 | marginWeight",
            "rules | name=a: length >> 2 | rules line 1, column 17",
            "rules | # only a comment | only comments",
            "rulesFile | x.txt | unknown parameter 'rulesFile'"})
    void rejectsInvalidParametersNamingThem(String param, String value, String message) {
        assertThatThrownBy(() -> new RulesDetector().config(Map.of(param, value), 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + param + "'")
                .hasMessageContaining(message);
    }
}
