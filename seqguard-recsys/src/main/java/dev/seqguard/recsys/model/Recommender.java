package dev.seqguard.recsys.model;

/** A recommendation algorithm: fitted on an interaction matrix, it gives an immutable {@link FittedRecommender}. */
public interface Recommender {
    /** Short stable name, used as the key in {@code recommend.json} (e.g. {@code item-knn}). */
    String name();

    FittedRecommender fit(Interactions interactions);
}
