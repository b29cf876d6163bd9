package dev.seqguard.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void listenerIsCurrentOnlyInsideWithAndOnlyOnItsThread() throws Exception {
        List<String> seen = new ArrayList<>();
        TrainingProgress listener = (d, e, max, train, val) -> seen.add(d + " " + e + "/" + max);
        TrainingProgress other = TrainingProgress.with(listener, () -> {
            TrainingProgress.current().epoch("autoencoder", 1, 5, 0.5, 0.6);
            return CompletableFuture.supplyAsync(TrainingProgress::current).join();
        });
        assertThat(seen).containsExactly("autoencoder 1/5");
        assertThat(other).isSameAs(TrainingProgress.NONE);
        assertThat(TrainingProgress.current()).isSameAs(TrainingProgress.NONE);
    }

    @Test
    void restoresThePreviousListenerWhenWorkThrows() {
        TrainingProgress outer = (d, e, max, train, val) -> { };
        TrainingProgress.with(outer, () -> {
            assertThatThrownBy(() -> TrainingProgress.with(TrainingProgress.NONE, () -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(TrainingProgress.current()).isSameAs(outer);
            return null;
        });
    }
}
