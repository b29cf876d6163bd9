package dev.seqguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A saved group-statistics snapshot gives exactly the group features of the context it was written from. */
class FeatureContextSnapshotTest {
    private final SequenceFeatureExtractor extractor = new SequenceFeatureExtractor();

    private static List<BehaviorEvent> batch(Random rnd) {
        List<BehaviorEvent> out = new ArrayList<>();
        Action[] actions = Action.values();
        for (int u = 0; u < 40; u++) {
            long t = 1_511_500_000_000L + rnd.nextInt(1_000_000);
            for (int i = 0, n = 1 + rnd.nextInt(30); i < n; i++) {
                t += rnd.nextInt(600_000);
                String item = rnd.nextInt(10) == 0 ? "" : "i" + rnd.nextInt(300);
                out.add(new BehaviorEvent("u" + u, item, "c" + rnd.nextInt(9), actions[rnd.nextInt(actions.length)], t));
            }
        }
        return out;
    }

    @Test
    void restoredSnapshotGivesTheSameFeaturesForEveryPrefix() throws IOException {
        Random rnd = new Random(3);
        for (int round = 0; round < 5; round++) {
            List<BehaviorEvent> events = batch(rnd);
            FeatureContext ctx = FeatureContext.build(events, 2 + rnd.nextInt(10));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ctx.writeTo(bytes);
            FeatureContext back = FeatureContext.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
            assertThat(back.users()).isEqualTo(ctx.users());
            assertThat(back.items()).isEqualTo(ctx.items());
            assertThat(back.events()).isEqualTo(ctx.events());
            for (Sequence s : new SequenceBuilder().build(events)) {
                FeatureAccumulator a = extractor.newAccumulator();
                FeatureAccumulator b = extractor.newAccumulator();
                for (BehaviorEvent e : s.events()) {
                    a.update(e);
                    b.update(e);
                    assertThat(b.features(back)).containsExactly(a.features(ctx));
                }
            }
        }
    }

    @Test
    void refusesAVersion1SnapshotWhichHasNoFirstTouchTimes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureContext.build(batch(new Random(1))).writeTo(bytes);
        byte[] v1 = bytes.toByteArray();
        v1[7] = 1; // the version int follows the 4-byte magic
        assertThatThrownBy(() -> FeatureContext.readFrom(new ByteArrayInputStream(v1)))
                .isInstanceOf(IOException.class).hasMessageContaining("version 1 has no first-touch times")
                .hasMessageContaining("run select again");
    }

    @Test
    void rejectsAStreamThatIsNotASnapshot() {
        assertThatThrownBy(() -> FeatureContext.readFrom(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .isInstanceOf(IOException.class).hasMessageContaining("not a SeqGuard group-statistics snapshot");
    }
}
