package dev.seqguard.recsys.model;

/** Global popularity: the items with the largest total interaction weight, the same list for everyone. */
public final class PopularityRecommender implements Recommender {
    public static final String NAME = "popularity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedRecommender fit(Interactions m) {
        return (history, n) -> TopN.select(m, new double[0], new int[0], 0, history, n);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
