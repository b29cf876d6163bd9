package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;

/** One planned action on an item, before it is given a time. */
record Step(String itemId, Action action) {
}
