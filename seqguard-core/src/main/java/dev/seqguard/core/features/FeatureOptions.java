package dev.seqguard.core.features;

/**
 * Settings of the sequence features. Thresholds that appear in feature names (60 s, 10 min, 10 %, "2 other users",
 * "3 items") are fixed so that a name always means the same thing.
 *
 * @param utcOffsetMinutes offset of the local clock used for hours, nights and days; Taobao logs are UTC+8 (480).
 *                         Between -18 h and +18 h
 * @param lateFraction     the "late" part of a sequence for the drift features, as a fraction of its time span;
 *                         in (0, 1)
 */
public record FeatureOptions(int utcOffsetMinutes, double lateFraction) {
    public static final int TAOBAO_UTC_OFFSET_MINUTES = 8 * 60;

    public FeatureOptions {
        if (utcOffsetMinutes < -18 * 60 || utcOffsetMinutes > 18 * 60) {
            throw new IllegalArgumentException("utcOffsetMinutes must be within +-1080, got " + utcOffsetMinutes);
        }
        if (!(lateFraction > 0 && lateFraction < 1)) {
            throw new IllegalArgumentException("lateFraction must be in (0, 1), got " + lateFraction);
        }
    }

    /** UTC+8 and the last 20 % of the time span as "late". */
    public static FeatureOptions defaults() {
        return new FeatureOptions(TAOBAO_UTC_OFFSET_MINUTES, 0.2);
    }
}
