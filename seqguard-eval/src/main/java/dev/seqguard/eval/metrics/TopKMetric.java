package dev.seqguard.eval.metrics;

/**
 * The metrics of the {@code k} highest scores ({@link PrecisionAtK}, {@link RecallAtK}): one formula each, the rest
 * shared. The default k is the number of anomalous rows, undefined (NaN) when there is none.
 */
enum TopKMetric {
    /** Share of anomalous rows among the top k. */
    PRECISION {
        @Override
        double at(RankedScores ranked, int k) {
            return (double) ranked.positivesInTop(k) / k;
        }
    },
    /** Share of all anomalous rows found in the top k; NaN when there is none. */
    RECALL {
        @Override
        double at(RankedScores ranked, int k) {
            int hits = ranked.positivesInTop(k);
            return ranked.positives() == 0 ? Double.NaN : (double) hits / ranked.positives();
        }
    };

    /** @throws IllegalArgumentException when k is outside 1..n */
    abstract double at(RankedScores ranked, int k);

    /** At k = number of anomalous rows; NaN when there is none. */
    double atPositives(RankedScores ranked) {
        return ranked.positives() == 0 ? Double.NaN : at(ranked, ranked.positives());
    }
}
