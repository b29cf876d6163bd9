package dev.seqguard.core.model;

/**
 * Optional fields some layouts carry. Absent values are {@code null}, {@link Double#NaN} (price) or -1 (dwell).
 * Most events have none, so they share {@link #NONE}.
 */
public record EventExtras(String sessionId, String query, double price, long dwellMs, String label) {
    public static final EventExtras NONE = new EventExtras(null, null, Double.NaN, -1, null);

    public boolean isEmpty() {
        return sessionId == null && query == null && Double.isNaN(price) && dwellMs < 0 && label == null;
    }
}
