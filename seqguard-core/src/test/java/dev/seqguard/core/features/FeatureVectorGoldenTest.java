package dev.seqguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The full feature vectors, bit for bit, against digests recorded before {@link FeatureAccumulator} was split into
 * per-group parts: any change to a value, however small, changes the digest. If a feature is changed on purpose,
 * record the new digest. Features added later are digested apart ({@link #LATER}), so the recorded digests still
 * prove the older columns unchanged.
 */
class FeatureVectorGoldenTest {
    private static final String TAOBAO_DIGEST = "71e3233ecea35e0e260ed72fbcccd7870df989928e7ed2d2aab0e16851cab385";
    private static final String RANDOM_DIGEST = "dfdf1aa22637096ca5e13a93074bb08789bcb1b638fe18e891c0010d3f04a6a1";
    /** Columns added after the digests above were recorded. */
    private static final List<SequenceFeature> LATER = List.of(SequenceFeature.LOCKSTEP_SURPRISE,
            SequenceFeature.ISOLATED_SESSION_SCORE);
    private static final String TAOBAO_LATER_DIGEST = "c5638415136f27167fe264ca0942a79101a58ebd08d43f71ea21c15a5987dbbf";
    private static final String RANDOM_LATER_DIGEST = "175ae26e8ddea1f97110eef6754bee6d020fd079615f396f74b9a646603c45bc";

    @Test
    void taobaoSampleVectorsAreBitForBitAsRecorded() throws Exception {
        List<Sequence> sequences = new SequenceBuilder().build(TaobaoSample.load());
        FeatureContext ctx = FeatureContext.ofSequences(sequences);
        FeatureMatrix m = new SequenceFeatureExtractor().extract(sequences, ctx);
        Digests digests = new Digests();
        for (int r = 0; r < sequences.size(); r++) {
            digests.add(m.row(r));
        }
        digests.assertEqual(TAOBAO_DIGEST, TAOBAO_LATER_DIGEST);
    }

    /** Irregular gaps, empty items, dwell times, a night-time offset and queries between updates. */
    @Test
    void incrementalVectorsOfRandomUsersAreBitForBitAsRecorded() throws Exception {
        Random rnd = new Random(7);
        List<BehaviorEvent> events = new ArrayList<>();
        Action[] actions = Action.values();
        for (int u = 0; u < 40; u++) {
            long t = 1_511_500_000_000L + rnd.nextInt(100_000_000);
            int n = 1 + rnd.nextInt(80);
            for (int i = 0; i < n; i++) {
                long[] gaps = {0, rnd.nextInt(1000), rnd.nextInt(60_000), rnd.nextInt(3_600_000), rnd.nextInt(200_000_000)};
                t += i == 0 ? 0 : gaps[rnd.nextInt(gaps.length)];
                String item = rnd.nextInt(10) == 0 ? "" : "i" + rnd.nextInt(40);
                events.add(new BehaviorEvent("u" + u, item, "c" + rnd.nextInt(8), actions[rnd.nextInt(actions.length)], t));
            }
        }
        FeatureContext ctx = FeatureContext.build(events, 5);
        FeatureOptions options = new FeatureOptions(480, 0.3);
        Digests digests = new Digests();
        for (Sequence s : new SequenceBuilder().build(events)) {
            FeatureAccumulator acc = new FeatureAccumulator(options);
            for (int i = 0; i < s.events().size(); i++) {
                acc.update(s.events().get(i));
                if (i % 3 == 0) {
                    digests.add(acc.features(ctx));
                }
            }
            digests.add(acc.features(ctx));
        }
        digests.assertEqual(RANDOM_DIGEST, RANDOM_LATER_DIGEST);
    }

    /** One digest of the columns recorded first, one of the {@link #LATER} columns. */
    private static final class Digests {
        private final MessageDigest first = sha256();
        private final MessageDigest later = sha256();

        void add(double[] v) {
            ByteBuffer a = ByteBuffer.allocate(8 * v.length);
            ByteBuffer b = ByteBuffer.allocate(8 * LATER.size());
            for (int j = 0; j < v.length; j++) {
                boolean isLater = LATER.contains(SequenceFeature.values()[j]);
                (isLater ? b : a).putLong(Double.doubleToRawLongBits(v[j]));
            }
            first.update(a.array(), 0, a.position());
            later.update(b.array());
        }

        void assertEqual(String firstDigest, String laterDigest) {
            assertThat(HexFormat.of().formatHex(first.digest())).as("columns recorded first").isEqualTo(firstDigest);
            assertThat(HexFormat.of().formatHex(later.digest())).as("columns added later").isEqualTo(laterDigest);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
