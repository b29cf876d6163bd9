package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class BehaviorEventSerializerTest {
    private static final BehaviorEventSerializer S = BehaviorEventSerializer.INSTANCE;

    private static BehaviorEvent roundTrip(BehaviorEvent e) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        S.serialize(e, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        BehaviorEvent back = S.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    @Test
    void anEventWithoutExtrasTakesOneByteForThemAndComesBackEqual() throws Exception {
        BehaviorEvent e = new BehaviorEvent("17", "4242", "9", Action.CART, 1_511_544_070_000L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        S.serialize(e, out);
        // three 2-character-or-shorter strings: 1 length byte + chars each (2+1, 4+1, 1+1), action 1, time 8, extras 1
        assertThat(out.length()).isEqualTo(3 + 5 + 2 + 1 + 8 + 1);
        assertThat(roundTrip(e)).isEqualTo(e);
        assertThat(roundTrip(e).extras()).isSameAs(EventExtras.NONE);
    }

    @Test
    void extrasWithAbsentFieldsComeBackEqual() throws Exception {
        BehaviorEvent e = new BehaviorEvent("u", "", "", Action.SEARCH, -5L,
                new EventExtras("s1", null, Double.NaN, 1200, "crawler"));
        assertThat(roundTrip(e)).isEqualTo(e);
        BehaviorEvent priced = new BehaviorEvent("u", "i", "c", Action.BUY, 0L, new EventExtras(null, "shoes", 9.5, -1, null));
        assertThat(roundTrip(priced)).isEqualTo(priced);
    }

    @Test
    void copiesAreTheSameImmutableInstance() {
        BehaviorEvent e = new BehaviorEvent("1", "2", "3", Action.VIEW, 1L);
        assertThat(S.isImmutableType()).isTrue();
        assertThat(S.copy(e)).isSameAs(e);
    }

    @Test
    void aCheckpointedSnapshotRestoresACompatibleSerializer() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, S.snapshotConfiguration());
        TypeSerializerSnapshot<BehaviorEvent> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(S);
        assertThat(S.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }
}
