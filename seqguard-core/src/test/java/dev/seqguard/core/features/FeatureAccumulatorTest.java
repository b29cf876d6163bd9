package dev.seqguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Incremental updates against fresh batch computation, and both against naive re-implementations. */
class FeatureAccumulatorTest {
    private static final double TOL = 1e-9;
    private final SequenceFeatureExtractor extractor = new SequenceFeatureExtractor();

    /** A random batch of users with bursty, tied and long gaps, shared items and a few categories. */
    private static List<BehaviorEvent> randomBatch(Random rnd, int users, int maxLength) {
        List<BehaviorEvent> out = new ArrayList<>();
        Action[] actions = Action.values();
        for (int u = 0; u < users; u++) {
            long t = 1_511_500_000_000L + rnd.nextInt(1_000_000);
            int n = 1 + rnd.nextInt(maxLength);
            for (int i = 0; i < n; i++) {
                long[] gapChoices = {0, rnd.nextInt(1000), rnd.nextInt(60_000), rnd.nextInt(3_600_000), rnd.nextInt(200_000_000)};
                t += i == 0 ? 0 : gapChoices[rnd.nextInt(gapChoices.length)];
                String item = rnd.nextInt(10) == 0 ? "" : "i" + rnd.nextInt(30);
                out.add(new BehaviorEvent("u" + u, item, "c" + rnd.nextInt(6), actions[rnd.nextInt(actions.length)], t));
            }
        }
        return out;
    }

    @Test
    void incrementalVectorsEqualBatchVectorsAfterEveryEvent() {
        Random rnd = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<BehaviorEvent> batch = randomBatch(rnd, 12, 60);
            FeatureContext ctx = FeatureContext.build(batch, 1 + rnd.nextInt(8));
            for (Sequence s : new SequenceBuilder().build(batch)) {
                FeatureAccumulator acc = extractor.newAccumulator();
                List<BehaviorEvent> events = s.events();
                for (int i = 0; i < events.size(); i++) {
                    acc.update(events.get(i));
                    // query at irregular points so lazily merged state is exercised between updates
                    if (rnd.nextInt(3) == 0 || i == events.size() - 1) {
                        double[] incremental = acc.features(ctx);
                        double[] batchVector = extractor.features(new Sequence(s.id(), s.userId(), events.subList(0, i + 1)), ctx);
                        assertClose(incremental, batchVector, s.id() + " after " + (i + 1) + " events");
                        assertClose(incremental, naive(events.subList(0, i + 1), ctx, incremental), s.id() + " naive");
                    }
                }
            }
        }
    }

    @Test
    void incrementalVectorsEqualBatchVectorsOnTheTaobaoSample() {
        List<BehaviorEvent> events = TaobaoSample.load();
        List<Sequence> sequences = new SequenceBuilder().build(events);
        FeatureContext ctx = FeatureContext.ofSequences(sequences);
        FeatureMatrix batch = extractor.extract(sequences, ctx);
        for (int r = 0; r < sequences.size(); r++) {
            FeatureAccumulator acc = extractor.newAccumulator();
            List<BehaviorEvent> seq = sequences.get(r).events();
            for (int i = 0; i < seq.size(); i++) {
                acc.update(seq.get(i));
                if (i % 17 == 0) {
                    acc.features(ctx);
                }
            }
            double[] incremental = acc.features(ctx);
            assertClose(incremental, batch.row(r), sequences.get(r).id());
            if (r % 50 == 0) {
                assertClose(incremental, naive(seq, ctx, incremental), sequences.get(r).id() + " naive");
            }
        }
        assertThat(Arrays.stream(batch.values()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void aNewContextRefoldsGroupSignals() {
        List<BehaviorEvent> batch = randomBatch(new Random(7), 8, 40);
        Sequence first = new SequenceBuilder().build(batch).get(0);
        FeatureAccumulator acc = extractor.newAccumulator();
        first.events().forEach(acc::update);
        FeatureContext full = FeatureContext.build(batch);
        acc.features(FeatureContext.empty());
        assertClose(acc.features(full), extractor.features(first, full), "after switching context");
    }

    @Test
    void canonicalEventsEqualTheInputAndShareTheIdsSeenFirst() {
        FeatureAccumulator acc = extractor.newAccumulator();
        // fresh strings per event, as a parser or a deserialiser makes them
        BehaviorEvent first = new BehaviorEvent(new String("u1"), new String("i1"), new String("c1"), Action.VIEW, 1_000L);
        BehaviorEvent again = new BehaviorEvent(new String("u1"), new String("i1"), new String("c1"), Action.BUY, 2_000L);
        acc.update(first);
        acc.update(again);

        assertThat(acc.canonical(first)).isSameAs(first);
        BehaviorEvent kept = acc.canonical(again);
        assertThat(kept).isEqualTo(again);
        assertThat(kept.userId()).isSameAs(first.userId());
        assertThat(kept.itemId()).isSameAs(first.itemId());
        assertThat(kept.categoryId()).isSameAs(first.categoryId());
        assertThatThrownBy(() -> acc.canonical(new BehaviorEvent("u1", "i9", "c1", Action.VIEW, 3_000L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i9");
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        for (int c = 0; c < actual.length; c++) {
            assertThat(actual[c]).as("%s: %s", what, SequenceFeature.names().get(c)).isCloseTo(expected[c], within(TOL));
        }
    }

    /**
     * Straightforward re-computation of the features with the trickiest incremental state (sorted gaps, sliding
     * windows, halves, co-visitation); other columns are copied from {@code base}.
     */
    private static double[] naive(List<BehaviorEvent> e, FeatureContext ctx, double[] base) {
        double[] v = base.clone();
        int n = e.size();
        long[] gaps = new long[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = e.get(i).timeMillis() - e.get(i - 1).timeMillis();
        }
        Arrays.sort(gaps);
        if (gaps.length > 0) {
            int g = gaps.length;
            double median = g % 2 == 1 ? gaps[g / 2] : (gaps[g / 2 - 1] + gaps[g / 2]) / 2.0;
            v[SequenceFeature.GAP_MEDIAN_S.ordinal()] = median / 1000;
            long within = Arrays.stream(gaps).filter(x -> Math.abs(x - median) <= 0.1 * median + 1e-9).count();
            v[SequenceFeature.GAP_REGULARITY.ordinal()] = (double) within / g;
            double mean = Arrays.stream(gaps).mapToDouble(x -> x / 1000.0).average().orElseThrow();
            double var = Arrays.stream(gaps).mapToDouble(x -> Math.pow(x / 1000.0 - mean, 2)).sum() / g;
            v[SequenceFeature.GAP_CV.ordinal()] = mean > 0 ? Math.sqrt(var) / mean : 0;
        }
        int max60 = 0;
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j <= i; j++) {
                if (e.get(j).timeMillis() > e.get(i).timeMillis() - 60_000) {
                    count++;
                }
            }
            max60 = Math.max(max60, count);
        }
        v[SequenceFeature.MAX_EVENTS_60S.ordinal()] = max60;

        Map<String, Integer> a = new HashMap<>();
        Map<String, Integer> b = new HashMap<>();
        for (int i = 0; i < n; i++) {
            (i < n / 2 ? a : b).merge(e.get(i).categoryId(), 1, Integer::sum);
        }
        double js = 0;
        if (n >= 2) {
            Set<String> cats = new HashSet<>(a.keySet());
            cats.addAll(b.keySet());
            for (String c : cats) {
                double p = a.getOrDefault(c, 0) / (double) (n / 2);
                double q = b.getOrDefault(c, 0) / (double) (n - n / 2);
                double m = (p + q) / 2;
                js += (p > 0 ? p * Math.log(p / m) : 0) + (q > 0 ? q * Math.log(q / m) : 0);
            }
        }
        v[SequenceFeature.CATEGORY_SHIFT_JS.ordinal()] = js / (2 * Math.log(2));

        Set<String> mine = new HashSet<>();
        e.stream().map(BehaviorEvent::itemId).filter(i -> !i.isEmpty()).forEach(mine::add);
        Map<Integer, Integer> shared = new HashMap<>();
        int self = ctx.userIndex(e.get(0).userId());
        for (String item : mine) {
            int idx = ctx.itemIndex(item);
            if (idx >= 0 && ctx.itemUserList(idx) != null) {
                for (int u : ctx.itemUserList(idx)) {
                    if (u != self) {
                        shared.merge(u, 1, Integer::sum);
                    }
                }
            }
        }
        double best = 0;
        for (Map.Entry<Integer, Integer> en : shared.entrySet()) {
            best = Math.max(best, en.getValue() / (double) (mine.size() + ctx.userItemCount(en.getKey()) - en.getValue()));
        }
        v[SequenceFeature.MAX_COVISIT_JACCARD.ordinal()] = best;
        v[SequenceFeature.COVISIT_USERS_3PLUS.ordinal()] = shared.values().stream().filter(x -> x >= 3).count();
        return v;
    }
}
