package dev.seqguard.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SortedTest {
    private static final double[] A = {1, 2, 2, 2, 5};

    @Test
    void boundsBracketTheRunOfEqualValues() {
        assertThat(Sorted.lowerBound(A, 2)).isEqualTo(1);
        assertThat(Sorted.upperBound(A, 2)).isEqualTo(4);
        assertThat(Sorted.lowerBound(A, 0)).isZero();
        assertThat(Sorted.upperBound(A, 9)).isEqualTo(5);
        assertThat(Sorted.lowerBound(new long[] {3, 4, 4, 9, 0}, 4, 4.0)).isEqualTo(1);
        assertThat(Sorted.upperBound(new long[] {3, 4, 4, 9, 0}, 4, 4.5)).isEqualTo(3);
    }

    @Test
    void midRankCountsTiesHalf() {
        assertThat(Sorted.midRank(A, 2)).isEqualTo((1 + 3 / 2.0) / 5);
        assertThat(Sorted.midRank(A, 0)).isZero();
        assertThat(Sorted.midRank(A, 9)).isEqualTo(1.0);
    }
}
