package dev.seqguard.recsys.eval;

import dev.seqguard.core.model.BehaviorEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The items an attack promotes, with the attack's type.
 *
 * @param items  item id to anomaly type, in file order
 * @param source where they came from, e.g. {@code targets.csv} or the derivation rule
 */
public record Targets(Map<String, String> items, String source) {
    /** Default lift for {@link #derive}: anomalous accounts touch a target at least 10 times more often than real users. */
    public static final double DEFAULT_LIFT = 10;

    public Targets {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    public static Targets none() {
        return new Targets(Map.of(), "none");
    }

    public Set<String> ids() {
        return items.keySet();
    }

    /** Reads {@code item_id,anomaly_type} (the file {@code seqguard inject} writes; the type column is optional). */
    public static Targets read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + " is empty; expected a header item_id[,anomaly_type]");
            }
            List<String> cols = List.of(header.replace("\uFEFF", "").trim().split("\\s*,\\s*", -1));
            int item = cols.indexOf("item_id");
            int type = cols.indexOf("anomaly_type");
            if (item < 0) {
                throw new IOException(file + ": the header must name an item_id column, found " + cols);
            }
            Map<String, String> out = new LinkedHashMap<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length <= item || f[item].isBlank()) {
                    throw new IOException(file + " line " + lineNo + ": no item_id");
                }
                out.putIfAbsent(f[item].trim(), type >= 0 && type < f.length ? f[type].trim() : "target");
            }
            return new Targets(out, file.getFileName().toString());
        }
    }

    /**
     * Targets derived from labels when no targets file is given: an item is a target when at least two labelled
     * anomalous accounts touch it and the share of anomalous accounts touching it is at least {@code lift} times the
     * share of the other users touching it, {@code (a / A) >= lift * (r + 1) / R} — a anomalous and r other users
     * touching the item, A anomalous and R other users in all; the +1 keeps an item no real user touched from
     * qualifying on a single anomalous visit, and makes popular items (the camouflage views of farming crews) need
     * far more anomalous traffic. The type is the most common type among the anomalous accounts touching the item.
     *
     * @param anomalous labelled anomalous user to anomaly type
     */
    public static Targets derive(List<BehaviorEvent> events, Map<String, String> anomalous, double lift) {
        if (!(lift > 0)) {
            throw new IllegalArgumentException("lift must be > 0, got " + lift);
        }
        Map<String, Set<String>> touchedBy = new LinkedHashMap<>();
        Set<String> users = new HashSet<>();
        for (BehaviorEvent e : events) {
            users.add(e.userId());
            if (!e.itemId().isEmpty()) {
                touchedBy.computeIfAbsent(e.itemId(), i -> new HashSet<>()).add(e.userId());
            }
        }
        long bad = users.stream().filter(anomalous::containsKey).count();
        long good = users.size() - bad;
        Map<String, String> out = new LinkedHashMap<>();
        if (bad == 0) {
            return new Targets(out, "derived from labels (no anomalous user in the events)");
        }
        touchedBy.forEach((item, who) -> {
            Map<String, Integer> types = new HashMap<>();
            int a = 0;
            for (String u : who) {
                String t = anomalous.get(u);
                if (t != null) {
                    a++;
                    types.merge(t, 1, Integer::sum);
                }
            }
            int r = who.size() - a;
            if (a >= 2 && (double) a / bad >= lift * (r + 1) / Math.max(1, good)) {
                String best = null;
                for (Map.Entry<String, Integer> t : new java.util.TreeMap<>(types).entrySet()) {
                    if (best == null || t.getValue() > types.get(best)) {
                        best = t.getKey();
                    }
                }
                out.put(item, best);
            }
        });
        return new Targets(out, String.format(java.util.Locale.ROOT,
                "derived from labels: touched by >= 2 anomalous accounts and >= %.0fx more often than by other users", lift));
    }
}
