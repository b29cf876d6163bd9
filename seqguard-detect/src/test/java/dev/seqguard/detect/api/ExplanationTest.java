package dev.seqguard.detect.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExplanationTest {
    @Test
    void summaryListsTheStrongestReasonsWithIntegersPlainAndOthersToThreeDigits() {
        Explanation e = new Explanation(0.9, List.of(new Explanation.Contribution("n_pv", 2, 0.182),
                new Explanation.Contribution("active_span_hours", 0.000556, 0.237),
                new Explanation.Contribution("gap_cv", 12345.678, 7.1E-6),
                new Explanation.Contribution("ignored", 1, 1)));

        assertThat(e.summary(3)).isEqualTo("n_pv=2 (0.182), active_span_hours=0.000556 (0.237), gap_cv=1.23e+04 (7.10e-06)");
        assertThat(e.summary(0)).isEmpty();
    }

    @Test
    void threeSignificantDigitsReadExactlyAsTheFormatterWrites() {
        double[] edges = {0.5, -0.5, 1e-4, 9.9949e-5, 9.995e-5, 0.00099951, 999.5, 999.49, 99.95, 1e3, 1e9 + 0.5, 1.2345e15,
                -3.14159, 5e-324, Double.MAX_VALUE, -Double.MIN_NORMAL, 0.125, 0.0125, 2.675, 1.005, -0.0, 0.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) {
            assertThat(Explanation.threeSignificant(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.3g", v));
        }
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
                // three or four significant digits sit exactly on a rounding edge most often
                case 2 -> Math.round(random.nextDouble() * 100_000) / Math.pow(10, random.nextInt(12));
                default -> Double.longBitsToDouble(random.nextLong());
            };
            assertThat(Explanation.threeSignificant(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.3g", v));
        }
    }
}
