package dev.seqguard.detect.ml.forest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scoring layout against the definition: the preorder walk of the saved node arrays, written out here, must
 * give the same doubles for every row, one by one and in batches, whatever the trees' depths.
 */
class ScoringLayoutTest {

    @ParameterizedTest(name = "{0} rows x {1}, psi {2}, height limit {3}")
    @CsvSource({
            "3000, 6, 256, 0", // the default limit 8: complete layout
            "700, 3, 50, 0", // shallow trees of different depths
            "5000, 4, 2048, 0", // limit 11: preorder fallback
            "2000, 5, 256, 14", // explicit deep limit: preorder fallback
            "300, 2, 256, 10", // the deepest complete layout
            "97, 40, 64, 0", // wide rows, a partial last block
            "2, 1, 2, 0"})
    void scoresEqualThePreorderWalkToTheLastBit(int n, int d, int psi, int limit) {
        double[][] rows = rows(n, d, 7L * n + d);
        IsolationForestModel forest = IsolationForestGrower.grow(rows, 60, psi, limit, 11);
        double[][] queries = rows(n + 33, d, 99);
        queries[0][0] = Double.NaN; // NaN goes right, as x < split is false
        queries[1][d - 1] = Double.POSITIVE_INFINITY;
        queries[2][0] = Double.NEGATIVE_INFINITY;
        System.arraycopy(rows, 0, queries, 3, Math.min(rows.length, 10)); // training rows sit on split bounds
        double[] batch = forest.scores(queries);
        for (int i = 0; i < queries.length; i++) {
            double expected = reference(forest, queries[i]);
            assertThat(forest.score(queries[i])).as("row %d", i).isEqualTo(expected);
            assertThat(batch[i]).as("row %d in a batch", i).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"10000", "20000"})
    void parallelBatchesEqualThePreorderWalk(int n) {
        double[][] rows = rows(n, 3, 5);
        IsolationForestModel forest = IsolationForestGrower.grow(rows, 30, 256, 0, 2);
        double[] batch = forest.scores(rows);
        for (int i = 0; i < n; i += 37) {
            assertThat(batch[i]).isEqualTo(reference(forest, rows[i]));
        }
    }

    /** The definition: 2^(-mean h(x) / c(psi)), h summed over the trees in order. */
    private static double reference(IsolationForestModel f, double[] x) {
        double total = 0;
        for (int root : f.roots()) {
            int node = root;
            int depth = 0;
            while (f.feature()[node] >= 0) {
                node = x[f.feature()[node]] < f.split()[node] ? node + 1 : f.right()[node];
                depth++;
            }
            total += depth + IsolationForestModel.averagePath(f.size()[node]);
        }
        return Math.pow(2, -(total / f.trees()) / IsolationForestModel.averagePath(f.sampleSize()));
    }

    /** Gaussian rows with a few duplicates and a constant last column when wide, so trees stop at odd depths. */
    private static double[][] rows(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] v = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i][j] = i % 17 == 3 && i > 0 ? v[i - 1][j] : Math.round(r.nextDouble() * 40) / 4.0;
            }
            if (d > 3) {
                v[i][d - 1] = 1.5;
            }
        }
        return v;
    }
}
