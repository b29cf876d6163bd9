package dev.seqguard.deep.transformer;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a sequence of {@code n} events into windows of at most {@code window} events that overlap by {@code overlap}:
 * starts at 0, stride, 2 stride, ..., the last window ending at the last event. Each event is scored in the window
 * where it sits furthest from an edge, so it sees as much context on both sides as the cut allows.
 */
final class Windows {
    private Windows() {
    }

    /** A window: events {@code [from, to)} of sequence {@code row}. */
    record Span(int row, int from, int to) {
        int length() {
            return to - from;
        }
    }

    static List<Span> of(int row, int n, int window, int overlap) {
        List<Span> out = new ArrayList<>();
        if (n <= window) {
            out.add(new Span(row, 0, n));
            return out;
        }
        int stride = window - overlap;
        int from = 0;
        while (from + window < n) {
            out.add(new Span(row, from, from + window));
            from += stride;
        }
        out.add(new Span(row, n - window, n));
        return out;
    }

    /**
     * For each window of {@code spans} (all of one sequence, in order), the events it scores: a boolean per position.
     * Every event is owned by exactly one window.
     */
    static boolean[][] owned(List<Span> spans, int n) {
        boolean[][] own = new boolean[spans.size()][];
        for (int w = 0; w < spans.size(); w++) {
            own[w] = new boolean[spans.get(w).length()];
        }
        for (int i = 0; i < n; i++) {
            int best = -1;
            int bestMargin = -1;
            for (int w = 0; w < spans.size(); w++) {
                Span s = spans.get(w);
                if (i >= s.from() && i < s.to()) {
                    int margin = Math.min(i - s.from(), s.to() - 1 - i);
                    if (margin > bestMargin) {
                        best = w;
                        bestMargin = margin;
                    }
                }
            }
            own[best][i - spans.get(best).from()] = true;
        }
        return own;
    }
}
