package dev.seqguard.core.inject;

import java.util.Objects;

/**
 * An item an injected attack promotes (farming, ad fraud, promotion abuse): what a recommender would wrongly learn
 * to push if the attack stayed in its training data.
 */
public record TargetItem(String itemId, AnomalyType type) {
    public TargetItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
    }
}
