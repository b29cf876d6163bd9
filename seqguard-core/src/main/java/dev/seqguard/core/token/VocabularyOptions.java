package dev.seqguard.core.token;

/**
 * How large the token vocabularies are.
 *
 * @param topCategories       categories kept by name (the most frequent); the rest share hash buckets. Non-negative
 * @param categoryHashBuckets buckets for the other categories; positive
 * @param topItems            items kept by name (the most frequent); the rest map to {@code [UNK]}. Non-negative
 * @param minItemCount        an item needs at least this many events to be kept; positive
 */
public record VocabularyOptions(int topCategories, int categoryHashBuckets, int topItems, int minItemCount) {
    public VocabularyOptions {
        if (topCategories < 0) {
            throw new IllegalArgumentException("topCategories must not be negative, got " + topCategories);
        }
        if (categoryHashBuckets <= 0) {
            throw new IllegalArgumentException("categoryHashBuckets must be positive, got " + categoryHashBuckets);
        }
        if (topItems < 0) {
            throw new IllegalArgumentException("topItems must not be negative, got " + topItems);
        }
        if (minItemCount <= 0) {
            throw new IllegalArgumentException("minItemCount must be positive, got " + minItemCount);
        }
    }

    /** 200 named categories, 32 hash buckets, up to 20,000 items seen at least twice. */
    public static VocabularyOptions defaults() {
        return new VocabularyOptions(200, 32, 20_000, 2);
    }
}
