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
 * record the new digest.
 */
class FeatureVectorGoldenTest {
    private static final String TAOBAO_DIGEST = "71e3233ecea35e0e260ed72fbcccd7870df989928e7ed2d2aab0e16851cab385";
    private static final String RANDOM_DIGEST = "dfdf1aa22637096ca5e13a93074bb08789bcb1b638fe18e891c0010d3f04a6a1";

    @Test
    void taobaoSampleVectorsAreBitForBitAsRecorded() throws Exception {
        List<Sequence> sequences = new SequenceBuilder().build(TaobaoSample.load());
        FeatureContext ctx = FeatureContext.ofSequences(sequences);
        FeatureMatrix m = new SequenceFeatureExtractor().extract(sequences, ctx);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int r = 0; r < sequences.size(); r++) {
            add(digest, m.row(r));
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(TAOBAO_DIGEST);
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
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Sequence s : new SequenceBuilder().build(events)) {
            FeatureAccumulator acc = new FeatureAccumulator(options);
            for (int i = 0; i < s.events().size(); i++) {
                acc.update(s.events().get(i));
                if (i % 3 == 0) {
                    add(digest, acc.features(ctx));
                }
            }
            add(digest, acc.features(ctx));
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(RANDOM_DIGEST);
    }

    private static void add(MessageDigest digest, double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (double x : v) {
            b.putLong(Double.doubleToRawLongBits(x));
        }
        digest.update(b.array());
    }
}
