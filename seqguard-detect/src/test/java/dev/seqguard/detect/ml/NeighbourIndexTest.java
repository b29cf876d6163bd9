package dev.seqguard.detect.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.ml.neighbors.NeighbourIndex;
import dev.seqguard.detect.ml.neighbors.Neighbours;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeighbourIndexTest {

    @ParameterizedTest
    @CsvSource({"500, 2, 5", "700, 6, 21", "300, 30, 11", "50, 3, 50"})
    void findsExactlyWhatBruteForceFinds(int n, int dims, int m) {
        Random r = new Random(n + dims);
        double[][] points = new double[n][dims];
        for (double[] p : points) {
            for (int j = 0; j < dims; j++) {
                // a coarse grid, so that many distances tie
                p[j] = r.nextInt(5) + (j == 0 ? r.nextGaussian() * 0.01 * (r.nextBoolean() ? 1 : 0) : 0);
            }
        }
        NeighbourIndex index = new NeighbourIndex(points);
        for (int t = 0; t < 40; t++) {
            double[] q = t % 2 == 0 ? points[r.nextInt(n)] : IntStream.range(0, dims).mapToDouble(j -> r.nextDouble() * 5).toArray();
            Neighbours got = index.nearest(q, m);
            Integer[] expected = bruteForce(points, q, m);
            assertThat(got.index()).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < m; i++) {
                assertThat(got.distance()[i]).isEqualTo(Math.sqrt(squared(points[expected[i]], q)));
            }
            Neighbours withTies = index.nearestWithTies(q, m);
            double kth = squared(points[expected[m - 1]], q);
            int[] within = IntStream.range(0, n).filter(i -> squared(points[i], q) <= kth).toArray();
            assertThat(withTies.index()).containsExactlyInAnyOrder(within);
            assertThat(Arrays.copyOf(withTies.index(), m)).containsExactly(got.index());
        }
    }

    @Test
    void keepsEveryPointTiedWithTheKthWhenAsked() {
        double[][] points = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {3, 3}};
        NeighbourIndex index = new NeighbourIndex(points);
        assertThat(index.nearest(new double[] {0, 0}, 2).index()).containsExactly(0, 1);
        assertThat(index.nearestWithTies(new double[] {0, 0}, 2).index()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void dropsTheQuerysOwnSlotFromNeighbourhood() {
        double[][] points = {{0}, {1}, {3}, {7}};
        Neighbours n = new NeighbourIndex(points).neighbourhood(new double[] {1}, 2, false);
        assertThat(n.index()).containsExactly(0, 2);
        assertThat(n.distance()).containsExactly(1.0, 2.0);
    }

    @Test
    void looksUpReferencePointsByExactCoordinates() {
        double[][] points = {{0, 1}, {2, 3}, {2, 3}, {5, 5}};
        NeighbourIndex index = new NeighbourIndex(points);
        assertThat(index.indexOf(new double[] {2, 3})).isEqualTo(1);
        assertThat(index.indexOf(new double[] {5, 5})).isEqualTo(3);
        assertThat(index.indexOf(new double[] {5, 5.000000001})).isEqualTo(-1);
        assertThat(index.indexOf(new double[] {5})).isEqualTo(-1);
    }

    @Test
    void rebuildsIdenticallyFromJson() throws Exception {
        Random r = new Random(3);
        double[][] points = new double[200][4];
        for (double[] p : points) {
            for (int j = 0; j < 4; j++) {
                p[j] = r.nextGaussian();
            }
        }
        NeighbourIndex index = new NeighbourIndex(points);
        String json = ModelIO.mapper().writeValueAsString(index);
        NeighbourIndex back = ModelIO.mapper().readValue(json, NeighbourIndex.class);
        double[] q = {0.1, -0.2, 0.3, 0};
        assertThat(back.nearest(q, 9)).usingRecursiveComparison().isEqualTo(index.nearest(q, 9));
    }

    @Test
    void rejectsImpossibleRequests() {
        NeighbourIndex index = new NeighbourIndex(new double[][] {{0, 0}, {1, 1}});
        assertThatThrownBy(() -> index.nearest(new double[] {0, 0}, 3)).hasMessageContaining("3 neighbours among 2");
        assertThatThrownBy(() -> index.nearest(new double[] {0}, 1)).hasMessageContaining("query has 1 values");
        assertThatThrownBy(() -> new NeighbourIndex(new double[][] {{0, 0}, {1}})).hasMessageContaining("point 1");
    }

    private static Integer[] bruteForce(double[][] points, double[] q, int m) {
        Integer[] idx = IntStream.range(0, points.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> squared(points[i], q)).thenComparingInt(i -> i));
        return Arrays.copyOf(idx, m);
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
