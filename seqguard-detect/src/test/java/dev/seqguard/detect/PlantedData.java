package dev.seqguard.detect;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data: browsing users, then planted anomalies (rows {@code normalUsers..}); every other normal unlabelled. */
public final class PlantedData {
    private PlantedData() {
    }

    /** Browsing users with human gaps, then planted crawlers (regular 2 s views) and bulk buyers. */
    public static DetectionData create(int normalUsers, int planted) {
        Random rnd = new Random(3);
        long t0 = 1_511_568_000_000L;
        List<Sequence> seqs = new ArrayList<>();
        for (int u = 0; u < normalUsers; u++) {
            List<BehaviorEvent> ev = new ArrayList<>();
            long t = t0 + rnd.nextInt(86_400) * 1000L;
            int n = 15 + rnd.nextInt(25);
            for (int i = 0; i < n; i++) {
                t += (long) (1000 * (5 + 600 * -Math.log(1 - rnd.nextDouble())));
                double a = rnd.nextDouble();
                Action act = a < 0.85 ? Action.VIEW : a < 0.93 ? Action.CART : a < 0.97 ? Action.FAV : Action.BUY;
                int item = rnd.nextInt(400);
                ev.add(new BehaviorEvent("u" + u, "i" + item, "c" + item % 20, act, t));
            }
            seqs.add(new Sequence("u" + u, "u" + u, ev));
        }
        for (int u = 0; u < planted; u++) {
            List<BehaviorEvent> ev = new ArrayList<>();
            long t = t0 + 3_600_000L * u;
            String id = "x" + u;
            if (u % 2 == 0) {
                for (int i = 0; i < 150; i++) {
                    ev.add(new BehaviorEvent(id, "i" + (1000 + i), "c" + i % 50, Action.VIEW, t + 2000L * i));
                }
            } else {
                for (int i = 0; i < 30; i++) {
                    ev.add(new BehaviorEvent(id, "i7", "c7", i % 3 == 0 ? Action.VIEW : Action.BUY, t + 9000L * i));
                }
            }
            seqs.add(new Sequence(id, id, ev));
        }
        SequenceFeatureExtractor extractor = new SequenceFeatureExtractor();
        FeatureMatrix m = extractor.extract(seqs, FeatureContext.ofSequences(seqs));
        int[] labels = new int[seqs.size()];
        for (int i = normalUsers; i < labels.length; i++) {
            labels[i] = 1;
        }
        for (int i = 0; i < normalUsers; i += 2) {
            labels[i] = DetectionData.UNKNOWN;
        }
        return new DetectionData(m, seqs, labels);
    }
}
