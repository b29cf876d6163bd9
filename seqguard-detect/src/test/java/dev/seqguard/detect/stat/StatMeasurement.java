package dev.seqguard.detect.stat;

import static dev.seqguard.core.model.Action.BUY;
import static dev.seqguard.core.model.Action.CART;
import static dev.seqguard.core.model.Action.FAV;
import static dev.seqguard.core.model.Action.VIEW;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements behind the defaults (aggregate of the deviation detectors, sequence score of the HMM), on the
 * shared real data. Run with {@code -Dseqguard.measure=true -Dtest=StatMeasurement}; prints tables.
 */
@EnabledIfSystemProperty(named = "seqguard.measure", matches = "true")
class StatMeasurement {

    private static final String[] TABLES = {"annthyroid", "arrhythmia", "breastw", "glass", "ionosphere", "letter",
            "lympho", "mammography", "musk", "optdigits", "pima", "satimage-2", "shuttle", "thyroid", "vertebral",
            "wine", "yeast"};

    @Test
    void aggregatesOnOddsTables() throws Exception {
        String[] detectors = {"zscore", "robust-z", "iqr"};
        System.out.printf(Locale.ROOT, "%-12s", "table");
        for (String d : detectors) {
            for (Aggregate a : Aggregate.values()) {
                System.out.printf(Locale.ROOT, " %14s", d.substring(0, Math.min(4, d.length())) + ":" + a.name().toLowerCase(Locale.ROOT));
            }
        }
        System.out.println();
        double[][] sums = new double[detectors.length][Aggregate.values().length];
        for (String t : TABLES) {
            RealData.Table table = RealData.odds(t);
            DetectionData data = SequenceFixtures.table(table.rows());
            System.out.printf(Locale.ROOT, "%-12s", t);
            for (int d = 0; d < detectors.length; d++) {
                for (Aggregate a : Aggregate.values()) {
                    double auc = RealData.rocAuc(DetectorRegistry.fit(detectors[d], data, Map.of("aggregate", a.name()), 1L)
                            .score(data), table.labels());
                    sums[d][a.ordinal()] += auc;
                    System.out.printf(Locale.ROOT, " %14.3f", auc);
                }
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%-12s", "MEAN");
        for (double[] s : sums) {
            for (double v : s) {
                System.out.printf(Locale.ROOT, " %14.3f", v / TABLES.length);
            }
        }
        System.out.println();
    }

    @Test
    void hmmSequenceScoreOnTaobaoWithPlantedAnomalies() throws Exception {
        List<Sequence> normal = RealData.taobaoUsers();
        Random rng = new Random(17);
        List<Sequence> seqs = new ArrayList<>(normal);
        List<Integer> labels = new ArrayList<>();
        normal.forEach(s -> labels.add(0));
        String[] kinds = {"crawler", "farmer", "takeover", "metronome", "hoarder"};
        int[] perKindCount = new int[kinds.length];
        for (int k = 0; k < 30; k++) {
            int kind = k % kinds.length;
            perKindCount[kind]++;
            seqs.add(plant(kinds[kind], "a" + k, normal.get(rng.nextInt(normal.size())), rng));
            labels.add(1);
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        DetectionData data = SequenceFixtures.data(seqs);
        String[][] settings = {{"MEAN", "5"}, {"TOP_K_MEAN", "20"}, {"TYPICALITY", "5"}};
        for (long seed : new long[] {1L, 2L, 3L}) {
        for (String states : new String[] {"3", "6", "10"}) {
            for (String[] s : settings) {
                long t0 = System.nanoTime();
                var f = DetectorRegistry.fit("hmm", data, Map.of("states", states, "sequenceScore", s[0], "topK", s[1]), seed);
                long fitMs = (System.nanoTime() - t0) / 1_000_000;
                double[] scores = f.score(data);
                StringBuilder perKind = new StringBuilder();
                for (int kind = 0; kind < kinds.length; kind++) {
                    int[] yk = new int[y.length];
                    for (int i = 0; i < y.length; i++) {
                        boolean isKind = y[i] == 1 && (i - normal.size()) % kinds.length == kind;
                        yk[i] = y[i] == 0 ? 0 : isKind ? 1 : -1;
                    }
                    perKind.append(String.format(Locale.ROOT, " %s=%.3f", kinds[kind], RealData.rocAuc(scores, yk)));
                }
                System.out.printf(Locale.ROOT, "seed=%d states=%s %s k=%s: AUC %.3f (fit %d ms, %d iterations)%s%n", seed,
                        states, s[0], s[1], RealData.rocAuc(scores, y), fitMs, ((HmmDetector.FittedHmm) f).iterations(),
                        perKind);
            }
        }
        }
    }

    @Test
    void defaultRulesOnTaobao() throws Exception {
        List<Sequence> users = RealData.taobaoUsers();
        DetectionData data = SequenceFixtures.data(users);
        var f = (dev.seqguard.detect.rules.RulesDetector.FittedRules) DetectorRegistry.fit("rules", data, Map.of(), 1L);
        double[] s = f.score(data);
        long fired = java.util.Arrays.stream(s).filter(v -> v >= 1).count();
        System.out.printf(Locale.ROOT, "default rules fire on %d of %d Taobao users%n", fired, users.size());
        for (int i = 0; i < s.length; i++) {
            if (s[i] >= 1) {
                System.out.println(users.get(i).id() + " " + f.explain(data, i).summary(3));
            }
        }
    }

    /** A planted anomalous sequence of the given kind; "takeover" appends a burst to a real history. */
    static Sequence plant(String kind, String id, Sequence host, Random rng) {
        List<BehaviorEvent> ev = new ArrayList<>();
        long t = host.startMillis();
        switch (kind) {
            case "crawler" -> {
                for (int i = 0; i < 300; i++) {
                    t += 1000 + rng.nextInt(2000);
                    ev.add(new BehaviorEvent(id, "p" + rng.nextInt(100000), "c" + rng.nextInt(500), VIEW, t));
                }
            }
            case "farmer" -> {
                for (int i = 0; i < 10; i++) {
                    t += 120_000 + rng.nextInt(600_000);
                    ev.add(new BehaviorEvent(id, "target", "c1", VIEW, t));
                    t += 10_000 + rng.nextInt(20_000);
                    ev.add(new BehaviorEvent(id, "target", "c1", CART, t));
                    t += 5_000 + rng.nextInt(15_000);
                    ev.add(new BehaviorEvent(id, "target", "c1", BUY, t));
                }
            }
            case "takeover" -> {
                for (BehaviorEvent e : host.events()) {
                    ev.add(e.withUser(id));
                }
                t = host.endMillis();
                for (int i = 0; i < 15; i++) {
                    t += 2_000 + rng.nextInt(3_000);
                    ev.add(new BehaviorEvent(id, "loot" + i, "c7", BUY, t));
                }
            }
            case "metronome" -> {
                for (int i = 0; i < 100; i++) {
                    t += 5_000;
                    ev.add(new BehaviorEvent(id, "m" + i, "c2", i % 2 == 0 ? VIEW : FAV, t));
                }
            }
            case "hoarder" -> {
                for (int i = 0; i < 40; i++) {
                    t += 3_000 + rng.nextInt(20_000);
                    ev.add(new BehaviorEvent(id, "h" + i, "c3", i % 2 == 0 ? CART : FAV, t));
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return new Sequence(id, id, ev);
    }
}
