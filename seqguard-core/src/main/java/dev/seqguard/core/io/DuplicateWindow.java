package dev.seqguard.core.io;

/**
 * Detects exact duplicate lines among the last {@code window} lines offered, in memory fixed by the window: a ring
 * of the window's 64-bit line hashes plus a {@link LongHashSet} of them (about 24 bytes per slot: 24 MB for the
 * default million). A line is a duplicate when its bytes hash equal to a line still in the window; older lines
 * have left it and no longer count. Two different lines collide with probability about 2^-64 per pair.
 */
final class DuplicateWindow {
    private final long[] ring;
    private final LongHashSet seen;
    private int next;
    private boolean full;

    DuplicateWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("duplicate window must be >= 1, got " + window);
        }
        this.ring = new long[window];
        this.seen = new LongHashSet(window);
    }

    /** Records the line and returns {@code true} when an equal line is already in the window. */
    boolean isDuplicate(byte[] bytes, int start, int end) {
        return isDuplicate(hash(bytes, start, end));
    }

    /** The key of a line's bytes for {@link #isDuplicate(long)}, never 0 (the set's empty mark). */
    static long hash(byte[] bytes, int start, int end) {
        long h = Hashing.hash(bytes, start, end);
        return h == 0 ? 1 : h;
    }

    /**
     * Reads the table slots that the next {@code lines} calls of {@link #isDuplicate(long)} will need for the
     * lines leaving the window, and returns a value to be ignored. With {@link #touch} of the coming lines'
     * slots, in one loop, the cache misses of a table of tens of megabytes (one or two per line otherwise) are
     * waited for together. Nothing is recorded.
     */
    long touchLeaving(int lines) {
        if (!full) {
            return 0;
        }
        long sum = 0;
        for (int j = 0, i = next; j < lines; j++, i = i + 1 == ring.length ? 0 : i + 1) {
            sum += seen.touch(ring[i]);
        }
        return sum;
    }

    /** Reads the table slots of the coming lines' {@link #hash}es, into cache; see {@link #touchLeaving}. */
    long touch(long[] keys, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += seen.touch(keys[i]);
        }
        return sum;
    }

    /**
     * {@link #isDuplicate(byte[], int, int)} of the line whose {@link #hash} is {@code key}: one probe finds it or
     * inserts it; then the line that has left the window is dropped.
     */
    boolean isDuplicate(long key) {
        if (!seen.add(key)) {
            return true;
        }
        if (full) {
            seen.remove(ring[next]); // never key itself: key was absent, so it is not in the ring
        }
        ring[next] = key;
        if (++next == ring.length) {
            next = 0;
            full = true;
        }
        return false;
    }
}
