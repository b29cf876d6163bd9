package dev.seqguard.core.io;

/**
 * Counts distinct strings in bounded memory: exactly (a set of 64-bit hashes) up to {@value #EXACT_LIMIT} distinct
 * values, then by HyperLogLog with 2^14 registers (16 KiB, standard error about 0.8%).
 *
 * <p>Reference: P. Flajolet, É. Fusy, O. Gandouet, F. Meunier, "HyperLogLog: the analysis of a near-optimal
 * cardinality estimation algorithm", AofA 2007; small-range linear counting as in S. Heule, M. Nunkesser,
 * A. Hall, "HyperLogLog in practice", EDBT 2013.
 */
final class DistinctCounter {
    static final int EXACT_LIMIT = 1 << 16;
    private static final int P = 14;
    private static final int M = 1 << P;

    private LongHashSet exact = new LongHashSet(EXACT_LIMIT);
    private byte[] registers;

    void add(String value) {
        long h = Hashing.hash(value);
        if (exact != null) {
            exact.add(h == 0 ? 1 : h);
            if (exact.size() >= EXACT_LIMIT) {
                registers = new byte[M];
                for (long k : exact.keys()) {
                    addToRegisters(k);
                }
                exact = null;
            }
        } else {
            addToRegisters(h);
        }
    }

    private void addToRegisters(long h) {
        int index = (int) (h >>> (64 - P));
        int rank = Math.min(Long.numberOfLeadingZeros(h << P), 64 - P) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** Whether {@link #count()} is exact (up to 64-bit hash collisions). */
    boolean isExact() {
        return exact != null;
    }

    long count() {
        if (exact != null) {
            return exact.size();
        }
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double estimate = alpha * M * (double) M / sum;
        if (estimate <= 2.5 * M && zeros > 0) {
            estimate = M * Math.log((double) M / zeros);
        }
        return Math.round(estimate);
    }
}
