package dev.seqguard.eval.bank;

import java.util.List;
import java.util.Map;

/**
 * A built scenario: real events with planted anomalies, and the truth.
 *
 * @param spec      what was planted
 * @param events    real and planted events, ordered by time
 * @param kindOf    anomalous user → kind code (injector codes such as {@code crawler}, or a {@link BankKind} code);
 *                  every other user is normal
 * @param realUsers real users in the scenario
 */
public record Scenario(ScenarioSpec spec, List<dev.seqguard.core.model.BehaviorEvent> events,
                       Map<String, String> kindOf, int realUsers) {
    public Scenario {
        events = List.copyOf(events);
        kindOf = Map.copyOf(kindOf);
    }

    /** 1 for each anomalous user of {@code users}, 0 otherwise (aligned). */
    public int[] labels(List<String> users) {
        int[] y = new int[users.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = kindOf.containsKey(users.get(i)) ? 1 : 0;
        }
        return y;
    }
}
