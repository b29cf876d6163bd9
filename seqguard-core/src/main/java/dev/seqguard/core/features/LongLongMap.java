package dev.seqguard.core.features;

import java.util.Arrays;

/**
 * Open-addressing map from long keys (packed user/item index pairs) to long values that keeps, per key, the least
 * value put (a first-touch time); {@link Long#MIN_VALUE} is reserved as "empty" key.
 */
final class LongLongMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private long[] values;
    private int size;
    private int mask;

    LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    /** Puts {@code value} for {@code key}, or lowers the value held to it; true if the key was not present. */
    boolean putMin(long key, long value) {
        int slot = slotOf(key);
        if (keys[slot] == key) {
            values[slot] = Math.min(values[slot], value);
            return false;
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            rehash();
        }
        return true;
    }

    boolean containsKey(long key) {
        return keys[slotOf(key)] == key;
    }

    /** The value held for {@code key}, or {@code missing} when the key is absent. */
    long get(long key, long missing) {
        int slot = slotOf(key);
        return keys[slot] == key ? values[slot] : missing;
    }

    int size() {
        return size;
    }

    /** The keys, in no particular order. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                out[n++] = k;
            }
        }
        return out;
    }

    private int slotOf(long key) {
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
