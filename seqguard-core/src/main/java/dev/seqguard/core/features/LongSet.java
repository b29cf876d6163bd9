package dev.seqguard.core.features;

import java.util.Arrays;

/** Open-addressing set of longs (packed user/item index pairs); {@link Long#MIN_VALUE} is reserved as "empty". */
final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] slots;
    private int size;
    private int mask;

    LongSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        slots = new long[cap];
        Arrays.fill(slots, EMPTY);
        mask = cap - 1;
    }

    /** Adds the value; true if it was not present. */
    boolean add(long value) {
        int slot = slotOf(value);
        if (slots[slot] == value) {
            return false;
        }
        slots[slot] = value;
        if (++size * 2 > slots.length) {
            rehash();
        }
        return true;
    }

    boolean contains(long value) {
        return slots[slotOf(value)] == value;
    }

    int size() {
        return size;
    }

    /** The values, in no particular order. */
    long[] toArray() {
        long[] out = new long[size];
        int n = 0;
        for (long v : slots) {
            if (v != EMPTY) {
                out[n++] = v;
            }
        }
        return out;
    }

    private int slotOf(long value) {
        int slot = mix(value) & mask;
        while (slots[slot] != EMPTY && slots[slot] != value) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        mask = slots.length - 1;
        for (long v : old) {
            if (v != EMPTY) {
                slots[slotOf(v)] = v;
            }
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
