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

    /**
     * Writes {@code events.csv} (the {@code generic} layout with its default columns, so that
     * {@code seqguard select --events DIR/events.csv --format generic} reads it) and {@code labels.csv}
     * ({@code user_id,label,anomaly_type} for every user, as {@code select --labels} reads it) into {@code dir}.
     */
    public void write(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        dev.seqguard.core.io.EventFormat format = dev.seqguard.core.io.EventFormat.generic(
                dev.seqguard.core.io.ColumnMapping.DEFAULT);
        try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(dir.resolve("events.csv"))) {
            out.write(format.header().orElseThrow());
            out.newLine();
            for (dev.seqguard.core.model.BehaviorEvent e : events) {
                out.write(format.format(e));
                out.newLine();
            }
        }
        java.util.Set<String> users = new java.util.TreeSet<>();
        events.forEach(e -> users.add(e.userId()));
        try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(dir.resolve("labels.csv"))) {
            out.write("user_id,label,anomaly_type");
            out.newLine();
            for (String u : users) {
                String kind = kindOf.get(u);
                out.write(u + "," + (kind == null ? 0 : 1) + "," + (kind == null ? "normal" : kind));
                out.newLine();
            }
        }
    }

    /**
     * What was actually planted, e.g. {@code 7.0% adfraud+takeover}: the spec's kinds that found room (a kind that
     * needs history the sample lacks is dropped, see {@link ScenarioSpec#build}), in the spec's order.
     */
    public String describe() {
        java.util.Set<String> present = new java.util.HashSet<>(kindOf.values());
        java.util.List<String> kinds = new java.util.ArrayList<>(spec.kindCodes());
        kinds.retainAll(present);
        present.stream().filter(k -> !kinds.contains(k)).sorted().forEach(kinds::add);
        return String.format(java.util.Locale.ROOT, "%.1f%% %s", 100.0 * kindOf.size() / realUsers,
                String.join("+", kinds));
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
