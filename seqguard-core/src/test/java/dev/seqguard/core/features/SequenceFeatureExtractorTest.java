package dev.seqguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import dev.seqguard.core.model.Sequence;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceFeatureExtractorTest {
    private static final double EPS = 1e-12;
    private static final long S = 1000L;
    private static final long H = 3_600_000L;
    /** 2017-11-25 10:00 in Taobao's UTC+8. */
    private static final long T0 = LocalDateTime.of(2017, 11, 25, 10, 0).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    private final SequenceFeatureExtractor extractor = new SequenceFeatureExtractor();

    static BehaviorEvent ev(String user, String item, String category, Action action, long t) {
        return new BehaviorEvent(user, item, category, action, t);
    }

    private double[] features(List<BehaviorEvent> events) {
        return features(events, FeatureContext.build(events));
    }

    private double[] features(List<BehaviorEvent> events, FeatureContext ctx) {
        return extractor.features(new Sequence(events.get(0).userId(), events.get(0).userId(), events), ctx);
    }

    private static double get(double[] v, SequenceFeature f) {
        return v[f.ordinal()];
    }

    @Test
    void namesAreSnakeCaseUniqueAndStable() {
        List<String> names = SequenceFeature.names();
        assertThat(names).hasSize(SequenceFeature.count()).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z][a-z0-9_]*"));
        assertThat(names.subList(0, 3)).containsExactly("n_events", "log_events", "n_pv");
        assertThat(SequenceFeature.byName("gap_cv")).isEqualTo(SequenceFeature.GAP_CV);
        assertThat(extractor.names()).isEqualTo(names);
    }

    @Test
    void computesGapStatisticsOfThreeEventsByHand() {
        // gaps 5 s and 30 s: mean 17.5, median 17.5, population std 12.5, cv 5/7, min 5
        List<BehaviorEvent> e = List.of(ev("u", "i1", "c1", Action.VIEW, T0), ev("u", "i1", "c1", Action.CART, T0 + 5 * S),
                ev("u", "i1", "c1", Action.BUY, T0 + 35 * S));
        double[] v = features(e);
        assertThat(get(v, SequenceFeature.GAP_MEAN_S)).isCloseTo(17.5, within(EPS));
        assertThat(get(v, SequenceFeature.GAP_MEDIAN_S)).isCloseTo(17.5, within(EPS));
        assertThat(get(v, SequenceFeature.GAP_CV)).isCloseTo(12.5 / 17.5, within(EPS));
        assertThat(get(v, SequenceFeature.GAP_MIN_S)).isCloseTo(5, within(EPS));
        assertThat(get(v, SequenceFeature.GAP_REGULARITY)).isZero();
        assertThat(get(v, SequenceFeature.GAP_BUCKET_ENTROPY)).isCloseTo(Math.log(2) / Math.log(7), within(EPS));
        assertThat(get(v, SequenceFeature.ACTIVE_SPAN_HOURS)).isCloseTo(35.0 / 3600, within(EPS));
        assertThat(get(v, SequenceFeature.MAX_EVENTS_60S)).isEqualTo(3);
        // funnel on one item: view -> cart -> buy
        assertThat(get(v, SequenceFeature.CART_PER_VIEW)).isCloseTo(0.5, within(EPS));
        assertThat(get(v, SequenceFeature.BUY_PER_CART)).isCloseTo(0.5, within(EPS));
        assertThat(get(v, SequenceFeature.BUY_WITHOUT_PRIOR_TOUCH_SHARE)).isZero();
        assertThat(get(v, SequenceFeature.BUY_SHARE)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(get(v, SequenceFeature.TOP_ITEM_SHARE)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.DISTINCT_ITEM_RATIO)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(get(v, SequenceFeature.REPEAT_ITEM_SHARE)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.REPEAT_ITEM_ACTION_SHARE)).isZero();
        assertThat(get(v, SequenceFeature.ITEM_ENTROPY)).isZero();
    }

    @Test
    void flagsMachineRegularGapsAndBursts() {
        List<BehaviorEvent> e = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            e.add(ev("bot", "i" + i, "c" + (i % 5), Action.VIEW, T0 + i * 500L));
        }
        double[] v = features(e);
        assertThat(get(v, SequenceFeature.GAP_CV)).isCloseTo(0, within(EPS));
        assertThat(get(v, SequenceFeature.GAP_REGULARITY)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.SUBSECOND_GAP_SHARE)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.GAP_BUCKET_ENTROPY)).isZero();
        // 500 ms apart: (t - 60 s, t] holds 120 events, but only 100 exist
        assertThat(get(v, SequenceFeature.MAX_EVENTS_60S)).isEqualTo(100);
        assertThat(get(v, SequenceFeature.DISTINCT_ITEM_RATIO)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.ITEM_ENTROPY)).isCloseTo(Math.log(100), within(1e-9));
        assertThat(get(v, SequenceFeature.CATEGORY_ENTROPY_NORM)).isCloseTo(1, within(1e-9));
    }

    @Test
    void countsSlidingWindowBurstsWithAnOpenLowerBound() {
        // events at 0, 30, 60, 61 s: a 60 s window (t - 60 s, t] holds at most 3 (30, 60, 61)
        List<BehaviorEvent> e = List.of(ev("u", "a", "c", Action.VIEW, T0), ev("u", "b", "c", Action.VIEW, T0 + 30 * S),
                ev("u", "c", "c", Action.VIEW, T0 + 60 * S), ev("u", "d", "c", Action.VIEW, T0 + 61 * S));
        double[] v = features(e);
        assertThat(get(v, SequenceFeature.MAX_EVENTS_60S)).isEqualTo(3);
        assertThat(get(v, SequenceFeature.MAX_EVENTS_10MIN)).isEqualTo(4);
    }

    @Test
    void readsClockFeaturesInTheConfiguredZone() {
        long localTwoAm = LocalDateTime.of(2017, 11, 26, 2, 30).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
        // local 02:30, 02:30:10, 10:30 and 18:30 the next day
        List<BehaviorEvent> e = List.of(ev("u", "a", "c", Action.VIEW, localTwoAm), ev("u", "b", "c", Action.VIEW, localTwoAm + 10 * S),
                ev("u", "c", "c", Action.VIEW, localTwoAm + 8 * H), ev("u", "d", "c", Action.VIEW, localTwoAm + 40 * H));
        double[] v = features(e);
        assertThat(get(v, SequenceFeature.NIGHT_SHARE)).isCloseTo(0.5, within(EPS));
        assertThat(get(v, SequenceFeature.ACTIVE_HOURS)).isEqualTo(3);
        assertThat(get(v, SequenceFeature.DISTINCT_HOURS_OF_DAY)).isEqualTo(3);
        assertThat(get(v, SequenceFeature.ACTIVE_DAYS)).isEqualTo(2);
        assertThat(get(v, SequenceFeature.EVENTS_PER_ACTIVE_HOUR)).isCloseTo(4.0 / 3, within(EPS));
        // the same instants in UTC are 18:30, 18:30:10, 02:30 and 10:30: only the third is at night
        double[] utc = new SequenceFeatureExtractor(new FeatureOptions(0, 0.2))
                .features(new Sequence("u", "u", e), FeatureContext.build(e));
        assertThat(get(utc, SequenceFeature.NIGHT_SHARE)).isCloseTo(0.25, within(EPS));
        assertThat(get(utc, SequenceFeature.ACTIVE_DAYS)).isEqualTo(3);
    }

    @Test
    void countsBlindAndRepeatedPurchases() {
        List<BehaviorEvent> e = List.of(ev("u", "a", "c", Action.BUY, T0), ev("u", "a", "c", Action.BUY, T0 + S),
                ev("u", "b", "c", Action.VIEW, T0 + 2 * S), ev("u", "b", "c", Action.BUY, T0 + 3 * S));
        double[] v = features(e);
        // first buy of a is blind; the second buy of a had a prior (buy) touch but no view/cart: still blind
        assertThat(get(v, SequenceFeature.BUY_WITHOUT_PRIOR_TOUCH_SHARE)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(get(v, SequenceFeature.REPEAT_BUY_ITEM_SHARE)).isCloseTo(0.5, within(EPS));
        assertThat(get(v, SequenceFeature.REPEAT_ITEM_ACTION_SHARE)).isCloseTo(0.25, within(EPS));
        assertThat(get(v, SequenceFeature.BUY_PER_VIEW)).isCloseTo(1.5, within(EPS));
    }

    @Test
    void measuresCategoryDriftBetweenHalvesAndInTheLatePart() {
        List<BehaviorEvent> split = List.of(ev("u", "1", "A", Action.VIEW, T0), ev("u", "2", "A", Action.VIEW, T0 + H),
                ev("u", "3", "B", Action.VIEW, T0 + 2 * H), ev("u", "4", "B", Action.VIEW, T0 + 3 * H));
        assertThat(get(features(split), SequenceFeature.CATEGORY_SHIFT_JS)).isCloseTo(1, within(EPS));
        List<BehaviorEvent> mixed = List.of(ev("u", "1", "A", Action.VIEW, T0), ev("u", "2", "B", Action.VIEW, T0 + H),
                ev("u", "3", "A", Action.VIEW, T0 + 2 * H), ev("u", "4", "B", Action.VIEW, T0 + 3 * H));
        assertThat(get(features(mixed), SequenceFeature.CATEGORY_SHIFT_JS)).isCloseTo(0, within(EPS));

        // takeover: ten days of category A, then a dense burst in new categories at the end
        List<BehaviorEvent> takeover = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            takeover.add(ev("u", "h" + d, "A", Action.VIEW, T0 + d * 24 * H));
        }
        long end = T0 + 9 * 24 * H + 60 * H;
        for (int i = 0; i < 5; i++) {
            takeover.add(ev("u", "x" + i, i % 2 == 0 ? "X" : "Y", Action.BUY, end + i * 10 * S));
        }
        double[] v = features(takeover);
        assertThat(get(v, SequenceFeature.LATE_NOVEL_CATEGORY_SHARE)).isEqualTo(1);
        // span 276 h, split at 220.8 h: late = the 5 burst events (day 9 at 216 h is before), before = 10
        assertThat(get(v, SequenceFeature.LATE_RATE_RATIO)).isCloseTo((5.2 / 0.2) / (10.8 / 0.8), within(EPS));
    }

    @Test
    void computesLateRateRatioByHand() {
        // times 0, 9, 9.5, 10 h: span 10 h, late part starts at 8 h: 3 late, 1 before
        List<BehaviorEvent> e = List.of(ev("u", "1", "A", Action.VIEW, T0), ev("u", "2", "A", Action.VIEW, T0 + 9 * H),
                ev("u", "3", "A", Action.VIEW, T0 + 9 * H + H / 2), ev("u", "4", "A", Action.VIEW, T0 + 10 * H));
        double[] v = features(e);
        assertThat(get(v, SequenceFeature.LATE_RATE_RATIO)).isCloseTo(4 * 3.2 / 1.8, within(EPS));
        assertThat(get(v, SequenceFeature.LATE_NOVEL_CATEGORY_SHARE)).isZero();
    }

    @Test
    void derivesGroupSignalsFromTheBatch() {
        List<BehaviorEvent> batch = List.of(
                ev("u1", "i1", "c", Action.VIEW, T0), ev("u1", "i2", "c", Action.VIEW, T0 + S), ev("u1", "i3", "c", Action.BUY, T0 + 2 * S),
                ev("u2", "i1", "c", Action.VIEW, T0), ev("u2", "i2", "c", Action.VIEW, T0), ev("u2", "i3", "c", Action.BUY, T0),
                ev("u2", "i4", "c", Action.VIEW, T0),
                ev("u3", "i1", "c", Action.VIEW, T0), ev("u3", "i3", "c", Action.BUY, T0),
                ev("u4", "i3", "c", Action.BUY, T0));
        FeatureContext ctx = FeatureContext.build(batch);
        assertThat(ctx.itemUsers("i1")).isEqualTo(3);
        assertThat(ctx.itemBuyers("i3")).isEqualTo(4);
        assertThat(ctx.categoryEvents("c")).isEqualTo(10);
        double[] v = features(batch.subList(0, 3), ctx);
        // other users per item: i1 2, i2 1, i3 3
        assertThat(get(v, SequenceFeature.MEAN_LOG_ITEM_POPULARITY))
                .isCloseTo((Math.log(3) + Math.log(2) + Math.log(4)) / 3, within(EPS));
        assertThat(get(v, SequenceFeature.MIN_LOG_ITEM_POPULARITY)).isCloseTo(Math.log(2), within(EPS));
        assertThat(get(v, SequenceFeature.RARE_ITEM_SHARE)).isCloseTo(2.0 / 3, within(EPS));
        // u2 shares 3 of {i1,i2,i3} with u1 and has 4 items: 3 / (3 + 4 - 3)
        assertThat(get(v, SequenceFeature.MAX_COVISIT_JACCARD)).isCloseTo(0.75, within(EPS));
        assertThat(get(v, SequenceFeature.COVISIT_USERS_3PLUS)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.SHARED_BUY_ITEM_SHARE)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.MEAN_LOG_CATEGORY_POPULARITY)).isCloseTo(Math.log(11), within(EPS));

        // with a cap of 2 users per item, i1 (3 users) and i3 (4) no longer count as co-visits: u2 shares only i2
        double[] capped = features(batch.subList(0, 3), FeatureContext.build(batch, 2));
        assertThat(get(capped, SequenceFeature.MAX_COVISIT_JACCARD)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(get(capped, SequenceFeature.COVISIT_USERS_3PLUS)).isZero();
    }

    @Test
    void treatsUnknownItemsAsUnpopularInAnEmptyContext() {
        List<BehaviorEvent> e = List.of(ev("u", "a", "c", Action.VIEW, T0), ev("u", "b", "c", Action.BUY, T0 + S));
        double[] v = features(e, FeatureContext.empty());
        assertThat(get(v, SequenceFeature.MEAN_LOG_ITEM_POPULARITY)).isZero();
        assertThat(get(v, SequenceFeature.RARE_ITEM_SHARE)).isEqualTo(1);
        assertThat(get(v, SequenceFeature.MAX_COVISIT_JACCARD)).isZero();
    }

    @Test
    void staysFiniteOnDegenerateSequences() {
        EventExtras dwell = new EventExtras(null, null, Double.NaN, 400, null);
        List<List<BehaviorEvent>> cases = List.of(
                List.of(ev("u", "a", "c", Action.VIEW, T0)),
                List.of(ev("u", "", "", Action.SEARCH, 0)),
                List.of(ev("u", "a", "c", Action.VIEW, T0), ev("u", "a", "c", Action.VIEW, T0)),
                List.of(ev("u", "a", "c", Action.BUY, T0), ev("u", "b", "d", Action.BUY, T0 + 1)),
                List.of(new BehaviorEvent("u", "a", "c", Action.VIEW, -5 * H, dwell), ev("u", "", "", Action.SEARCH, -5 * H)),
                List.of(ev("u", "a", "c", Action.CART, Long.MIN_VALUE / 4), ev("u", "a", "c", Action.CART, Long.MAX_VALUE / 4)));
        for (List<BehaviorEvent> e : cases) {
            for (FeatureContext ctx : List.of(FeatureContext.build(e), FeatureContext.empty())) {
                assertThat(Arrays.stream(features(e, ctx)).boxed().toList()).as("features of %s", e).allMatch(Double::isFinite);
            }
        }
        double[] single = features(cases.get(0));
        assertThat(get(single, SequenceFeature.GAP_MEAN_S)).isZero();
        assertThat(get(single, SequenceFeature.GAP_CV)).isZero();
        assertThat(get(single, SequenceFeature.LATE_RATE_RATIO)).isEqualTo(1);
        assertThat(get(single, SequenceFeature.CATEGORY_SHIFT_JS)).isZero();
        assertThat(get(single, SequenceFeature.MAX_EVENTS_60S)).isEqualTo(1);
        double[] zeroGap = features(cases.get(2));
        assertThat(get(zeroGap, SequenceFeature.GAP_REGULARITY)).isEqualTo(1);
        assertThat(get(zeroGap, SequenceFeature.SUBSECOND_GAP_SHARE)).isEqualTo(1);
        assertThat(get(features(cases.get(4)), SequenceFeature.SHORT_DWELL_SHARE)).isEqualTo(1);
    }

    @Test
    void rejectsOutOfOrderEventsAndForeignUsers() {
        FeatureAccumulator acc = new FeatureAccumulator();
        acc.update(ev("u", "a", "c", Action.VIEW, T0));
        assertThatThrownBy(() -> acc.update(ev("u", "a", "c", Action.VIEW, T0 - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
        assertThatThrownBy(() -> acc.update(ev("v", "a", "c", Action.VIEW, T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user v");
        assertThatThrownBy(() -> new FeatureAccumulator().features(FeatureContext.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FeatureOptions(0, 1.0)).hasMessageContaining("lateFraction");
        assertThatThrownBy(() -> new FeatureOptions(2000, 0.2)).hasMessageContaining("utcOffsetMinutes");
        assertThatThrownBy(() -> FeatureContext.build(List.of(), 0)).hasMessageContaining("coVisitItemCap");
    }

    @Test
    void extractsOneRowPerSequenceWithSequenceIds() {
        List<BehaviorEvent> e = List.of(ev("2", "a", "c", Action.VIEW, T0), ev("1", "a", "c", Action.VIEW, T0));
        List<Sequence> seqs = List.of(new Sequence("2", "2", e.subList(0, 1)), new Sequence("1", "1", e.subList(1, 2)));
        FeatureMatrix m = extractor.extract(seqs, FeatureContext.ofSequences(seqs));
        assertThat(m.rowIds()).containsExactly("2", "1");
        assertThat(m.names()).isEqualTo(SequenceFeature.names());
        assertThat(m.row(0)[SequenceFeature.MAX_COVISIT_JACCARD.ordinal()]).isEqualTo(1);
        Set<String> seen = new HashSet<>(m.names());
        assertThat(seen).hasSize(m.columns());
    }
}
