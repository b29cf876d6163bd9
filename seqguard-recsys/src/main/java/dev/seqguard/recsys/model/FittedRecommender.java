package dev.seqguard.recsys.model;

import java.util.List;

/** A fitted recommender. Immutable; safe to share between threads. */
public interface FittedRecommender {
    /**
     * The top {@code n} item ids for the user, best first. Never an item of {@code history} (items the user already
     * touched); fewer than {@code n} only when the catalogue holds fewer untouched items.
     */
    List<String> recommend(UserHistory history, int n);
}
