package dev.seqguard.core.features;

import java.util.Arrays;

/** Open-addressing map from non-negative int keys to int counts; no boxing on the co-visitation hot path. */
final class IntIntCounter {
    private static final int EMPTY = -1;
    private int[] keys;
    private int[] counts;
    private int size;
    private int mask;

    IntIntCounter() {
        this(16);
    }

    IntIntCounter(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[cap];
        Arrays.fill(keys, EMPTY);
        counts = new int[cap];
        mask = cap - 1;
    }

    /** Adds one to the key's count and returns the new count. */
    int increment(int key) {
        int slot = slotOf(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
            if (size * 2 > keys.length) {
                counts[slot] = 1;
                rehash();
                return 1;
            }
        }
        return ++counts[slot];
    }

    int size() {
        return size;
    }

    /** Raw key array for iteration; empty slots hold a negative key. */
    int[] keySlots() {
        return keys;
    }

    /** Count array aligned with {@link #keySlots()}. */
    int[] countSlots() {
        return counts;
    }

    private int slotOf(int key) {
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        counts = new int[keys.length];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
