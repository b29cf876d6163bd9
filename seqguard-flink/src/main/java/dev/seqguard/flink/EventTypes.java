package dev.seqguard.flink;

import dev.seqguard.core.model.BehaviorEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information of SeqGuard's records: events travel and are kept in state with their own serializer
 * ({@link BehaviorEventSerializer}), never as generic Kryo blobs.
 */
final class EventTypes {
    static final TypeInformation<BehaviorEvent> EVENT = new EventInfo();

    private EventTypes() {
    }

    /** {@link BehaviorEvent} as one opaque, immutable value: it is never a key field or a sort key. */
    static final class EventInfo extends TypeInformation<BehaviorEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<BehaviorEvent> getTypeClass() {
            return BehaviorEvent.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<BehaviorEvent> createSerializer(SerializerConfig config) {
            return BehaviorEventSerializer.INSTANCE;
        }

        @Override
        public String toString() {
            return "BehaviorEvent";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EventInfo;
        }

        @Override
        public int hashCode() {
            return EventInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof EventInfo;
        }
    }
}
