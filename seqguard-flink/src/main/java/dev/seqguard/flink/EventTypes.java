package dev.seqguard.flink;

import dev.seqguard.core.model.BehaviorEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Flink type information of SeqGuard's records (records are POJOs to Flink: no generic Kryo fallback). */
final class EventTypes {
    static final TypeInformation<BehaviorEvent> EVENT = TypeInformation.of(BehaviorEvent.class);

    private EventTypes() {
    }
}
