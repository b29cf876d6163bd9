package dev.seqguard.detect.stat;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.GapBucket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The discrete symbol {@code action x gap bucket} that {@link HmmDetector} observes ({@link Action#count()} x
 * {@link GapBucket#count()} = 48 symbols), and a human line per event. The buckets are core's {@link GapBucket}, the
 * same ones features and event tokens use.
 */
public final class GapSymbols {
    private static final int GAPS = GapBucket.count();

    private GapSymbols() {
    }

    /** Number of distinct symbols. */
    public static int symbolCount() {
        return Action.count() * GAPS;
    }

    /**
     * The symbol of event {@code i} of {@code events}: its action and the bucket of the gap before it (a negative
     * gap, from unordered input, counts as the shortest).
     */
    public static int symbol(List<BehaviorEvent> events, int i) {
        GapBucket gap = i == 0 ? GapBucket.FIRST
                : GapBucket.of(Math.max(0, events.get(i).timeMillis() - events.get(i - 1).timeMillis()));
        return events.get(i).action().ordinal() * GAPS + gap.ordinal();
    }

    /** The symbols of a whole sequence. */
    public static int[] symbols(Sequence sequence) {
        List<BehaviorEvent> events = sequence.events();
        int[] out = new int[events.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = symbol(events, i);
        }
        return out;
    }

    /** A human line for event {@code i}: {@code buy item 42 (cat 7) @ 2017-11-25T10:00:00Z, 3s after previous}. */
    public static String describe(List<BehaviorEvent> events, int i) {
        BehaviorEvent e = events.get(i);
        StringBuilder sb = new StringBuilder(e.action().code());
        if (!e.itemId().isEmpty()) {
            sb.append(" item ").append(e.itemId());
        }
        if (!e.categoryId().isEmpty()) {
            sb.append(" (cat ").append(e.categoryId()).append(')');
        }
        sb.append(" @ ").append(Instant.ofEpochMilli(e.timeMillis()).truncatedTo(ChronoUnit.SECONDS));
        sb.append(i == 0 ? ", first event" : ", " + duration(e.timeMillis() - events.get(i - 1).timeMillis())
                + " after previous");
        return sb.toString();
    }

    /** A compact duration: {@code 850ms}, {@code 12s}, {@code 5m}, {@code 3h}, {@code 2d}. */
    static String duration(long millis) {
        long s = millis / 1000;
        if (millis < 1000) {
            return millis + "ms";
        } else if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return s / 60 + "m";
        } else if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
