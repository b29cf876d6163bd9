package dev.seqguard.recsys.eval;

import static dev.seqguard.recsys.Events.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.model.BehaviorEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheInjectorsTargetsFile() throws IOException {
        Path f = dir.resolve("targets.csv");
        Files.writeString(f, "item_id,anomaly_type\n42,farming\n7,adfraud\n42,farming\n");
        Targets t = Targets.read(f);
        assertThat(t.items()).containsExactly(Map.entry("42", "farming"), Map.entry("7", "adfraud"));
        Files.writeString(f, "sku\n1\n");
        assertThatThrownBy(() -> Targets.read(f)).hasMessageContaining("item_id");
    }

    /**
     * 4 anomalous accounts (A = 4), 20 real users (R = 20). Item T: touched by 3 anomalous, 0 real:
     * 3/4 = 0.75 >= 10 * 1/20 = 0.5, a target. Item P: 3 anomalous, 19 real: 0.75 < 10 * 20/20. Item S: 1 anomalous,
     * 0 real: fewer than two anomalous accounts.
     */
    @Test
    void derivesTargetsFromItemsAnomalousAccountsTouchFarMoreThanRealUsers() {
        List<BehaviorEvent> events = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            events.add(ev("r" + r, "P", "c", "pv", r));
            if (r < 19) {
                events.add(ev("r" + r, "Q" + r, "c", "pv", r));
            }
        }
        for (int a = 0; a < 3; a++) {
            events.add(ev("a" + a, "T", "c", "buy", 100 + a));
            events.add(ev("a" + a, "P", "c", "pv", 100 + a));
        }
        events.add(ev("a3", "S", "c", "pv", 200));
        Map<String, String> anomalous = Map.of("a0", "farming", "a1", "farming", "a2", "adfraud", "a3", "farming");
        Targets t = Targets.derive(events, anomalous, 10);
        assertThat(t.items()).containsExactly(Map.entry("T", "farming"));
        assertThat(Targets.derive(events, anomalous, 20).items()).isEmpty();
        assertThat(Targets.derive(events, Map.of(), 10).items()).isEmpty();
    }
}
