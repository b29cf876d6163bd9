package dev.seqguard.flink;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of {@link BehaviorEvent}, for the network between operators and for keyed state.
 *
 * <p>Why not Flink's POJO serializer: events are immutable records, and a serializer that says so
 * ({@link #isImmutableType}) lets Flink hand the same instance on instead of copying it field by field, which the
 * heap state backend does for every value it copies while a checkpoint is being written (a user's whole history
 * after each checkpoint) and chained operators do for every record. The wire format is also smaller: the action as
 * one byte, and the extras (absent for most layouts) as one byte when empty.
 *
 * <p>Format (version 1): {@code userId, itemId, categoryId} as {@link StringValue} strings, the action's ordinal as a
 * byte, the time as a long, then a byte {@code 0} (no extras) or {@code 1} followed by the session id and query
 * (nullable strings), price (double), dwell (long) and label (nullable string).
 */
public final class BehaviorEventSerializer extends TypeSerializerSingleton<BehaviorEvent> {
    private static final long serialVersionUID = 1L;

    public static final BehaviorEventSerializer INSTANCE = new BehaviorEventSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public BehaviorEvent createInstance() {
        return null;
    }

    @Override
    public BehaviorEvent copy(BehaviorEvent from) {
        return from;
    }

    @Override
    public BehaviorEvent copy(BehaviorEvent from, BehaviorEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BehaviorEvent e, DataOutputView out) throws IOException {
        StringValue.writeString(e.userId(), out);
        StringValue.writeString(e.itemId(), out);
        StringValue.writeString(e.categoryId(), out);
        out.writeByte(e.action().ordinal());
        out.writeLong(e.timeMillis());
        EventExtras x = e.extras();
        if (x.isEmpty()) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        StringValue.writeString(x.sessionId(), out);
        StringValue.writeString(x.query(), out);
        out.writeDouble(x.price());
        out.writeLong(x.dwellMs());
        StringValue.writeString(x.label(), out);
    }

    @Override
    public BehaviorEvent deserialize(DataInputView in) throws IOException {
        String user = StringValue.readString(in);
        String item = StringValue.readString(in);
        String category = StringValue.readString(in);
        Action action = Action.ofOrdinal(in.readByte());
        long time = in.readLong();
        if (in.readByte() == 0) {
            return new BehaviorEvent(user, item, category, action, time, EventExtras.NONE);
        }
        String session = StringValue.readString(in);
        String query = StringValue.readString(in);
        double price = in.readDouble();
        long dwell = in.readLong();
        String label = StringValue.readString(in);
        return new BehaviorEvent(user, item, category, action, time, new EventExtras(session, query, price, dwell, label));
    }

    @Override
    public BehaviorEvent deserialize(BehaviorEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<BehaviorEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records about this serializer, to restore it (and to refuse an incompatible one). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BehaviorEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
