package dev.seqguard.core.io;

/**
 * A set of {@code long} keys with open addressing and linear probing, with removal by backward shift (no
 * tombstones, so a long-running set with churn stays fast). Key 0 is reserved as "empty": callers map their keys
 * away from 0. Fixed capacity, chosen at construction; not thread-safe.
 */
final class LongHashSet {
    private final long[] table;
    private final int mask;
    private int size;

    /** A set that will hold at most {@code maxSize} keys at load factor at most 1/2. */
    LongHashSet(int maxSize) {
        int capacity = Integer.highestOneBit(Math.max(2, maxSize) * 2 - 1) << 1;
        this.table = new long[capacity];
        this.mask = capacity - 1;
    }

    /** Adds a non-zero key; {@code false} when it was already present. */
    boolean add(long key) {
        int i = slot(key);
        while (true) {
            long k = table[i];
            if (k == 0) {
                table[i] = key;
                size++;
                return true;
            }
            if (k == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Reads the key's home slot and returns what it holds, so that the slot is in cache by the time
     * {@link #add} probes it: a caller with other work to do first (parsing the line) overlaps the likely cache
     * miss of a large table with that work.
     */
    long touch(long key) {
        return table[slot(key)];
    }

    boolean contains(long key) {
        int i = slot(key);
        while (true) {
            long k = table[i];
            if (k == 0) {
                return false;
            }
            if (k == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes a key if present. */
    void remove(long key) {
        int i = slot(key);
        while (true) {
            long k = table[i];
            if (k == 0) {
                return;
            }
            if (k == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        // backward-shift deletion: pull later entries of the probe run into the hole
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long k = table[j];
            if (k == 0) {
                break;
            }
            int home = slot(k);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                table[hole] = k;
                hole = j;
            }
        }
        table[hole] = 0;
        size--;
    }

    int size() {
        return size;
    }

    /** The keys, in table order (for conversions; allocates). */
    long[] keys() {
        long[] keys = new long[size];
        int n = 0;
        for (long k : table) {
            if (k != 0) {
                keys[n++] = k;
            }
        }
        return keys;
    }

    private int slot(long key) {
        return (int) Hashing.mix(key) & mask;
    }
}
