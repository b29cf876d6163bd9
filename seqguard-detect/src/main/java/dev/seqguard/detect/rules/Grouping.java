package dev.seqguard.detect.rules;

import dev.seqguard.core.model.BehaviorEvent;

/** The {@code same=} option of a count: count per item, per category, or all matching events together. */
public enum Grouping {
    NONE, ITEM, CATEGORY;

    String keyOf(BehaviorEvent e) {
        return switch (this) {
            case NONE -> "";
            case ITEM -> e.itemId();
            case CATEGORY -> e.categoryId();
        };
    }
}
