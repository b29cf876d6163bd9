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
        long h = Hashing.hash(bytes, start, end);
        if (h == 0) {
            h = 1;
        }
        if (seen.contains(h)) {
            return true;
        }
        if (full) {
            seen.remove(ring[next]);
        }
        ring[next] = h;
        seen.add(h);
        if (++next == ring.length) {
            next = 0;
            full = true;
        }
        return false;
    }
}
