package dev.seqguard.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringEngineForgetTest {
    @Test
    void aForgottenUserStartsAfreshAndTheNextCheckpointDropsThem() {
        ServingModel model = ServingFixtures.serving("robust-z", 0.5);
        String user = ServingFixtures.events().get(0).userId();
        List<BehaviorEvent> mine = ServingFixtures.events().stream().filter(e -> e.userId().equals(user)).limit(4).toList();
        ScoringEngine engine = new ScoringEngine(model, 1000, 1);
        mine.forEach(engine::score);
        engine.drainCheckpoint();

        engine.forget(user);

        assertThat(engine.user(user)).isEmpty();
        assertThat(engine.drainCheckpoint().dropped()).containsExactly(user);
        ScoringEngine fresh = new ScoringEngine(model, 1000, 1);
        for (BehaviorEvent e : mine) {
            ScoredEvent again = engine.score(e);
            ScoredEvent first = fresh.score(e);
            assertThat(again.warmingUp()).isEqualTo(first.warmingUp());
            assertThat(Double.compare(again.score(), first.score())).isZero();
        }
        assertThat(engine.evictions()).isZero();
        assertThat(engine.user(user).orElseThrow().events()).isEqualTo(mine.size());
    }
}
