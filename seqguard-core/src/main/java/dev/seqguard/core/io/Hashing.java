package dev.seqguard.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** 64-bit hashing of byte ranges and strings (non-cryptographic; collisions matter only at ~2^-64 per pair). */
final class Hashing {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Hash of {@code bytes[start..end)}, eight bytes per step. */
    static long hash(byte[] bytes, int start, int end) {
        long h = (end - start) * M;
        int i = start;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft(h ^ mix((long) LONGS.get(bytes, i)), 27) * M;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        return mix(h ^ mix(tail ^ 0x5bd1e995L));
    }

    /** Hash of a string's characters. */
    static long hash(String s) {
        long h = s.length() * M;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }
}
