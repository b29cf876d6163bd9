package dev.seqguard.core.io;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An in-memory {@link QuarantineSink} that counts rejections by reason and keeps the first example of each reason,
 * so a caller can print "wrong_field_count: 12 (first at line 7: ...)" without writing a file. Memory is bounded
 * by the number of reasons. Not thread-safe.
 */
public final class QuarantineCounter implements QuarantineSink {
    private final EnumMap<QuarantineReason, Long> counts = new EnumMap<>(QuarantineReason.class);
    private final EnumMap<QuarantineReason, QuarantinedLine> firstExamples = new EnumMap<>(QuarantineReason.class);

    @Override
    public void accept(QuarantinedLine line) {
        counts.merge(line.reason(), 1L, Long::sum);
        firstExamples.putIfAbsent(line.reason(), line);
    }

    /** Number of rejections with that reason (0 if none). */
    public long count(QuarantineReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /** Total number of rejections. */
    public long total() {
        long total = 0;
        for (long c : counts.values()) {
            total += c;
        }
        return total;
    }

    /** Counts of the reasons seen at least once, in {@link QuarantineReason} order. */
    public Map<QuarantineReason, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** The first rejected line of each reason seen. */
    public Map<QuarantineReason, QuarantinedLine> firstExamples() {
        return Collections.unmodifiableMap(new EnumMap<>(firstExamples));
    }
}
