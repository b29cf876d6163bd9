package dev.seqguard.cli;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real log that {@code bench realtime} injects into: {@code FORMAT:FILE[:TYPES]}. The injector writes the Taobao
 * layout, so a log in another layout is first rewritten into it: a click becomes a page view (yoochoose's clicks
 * are item-page views), a missing category becomes {@code 0}, non-numeric ids become numbers (one per id), searches
 * are left out.
 *
 * @param format a layout {@code EventFormat.byName} knows
 * @param file   the log
 * @param types  the anomaly kinds to inject ({@code all}, or a list: session logs have no long histories for
 *               {@code takeover} and {@code misclick})
 */
record RealtimeLog(String format, Path file, String types) {
    /** Parses {@code FORMAT:FILE[:TYPES]}. */
    static RealtimeLog parse(String spec) {
        String[] p = spec.split(":", 3);
        if (p.length < 2 || p[0].isBlank() || p[1].isBlank()) {
            throw new UserInputException("--log must be FORMAT:FILE[:TYPES], got '" + spec + "'");
        }
        Path file = Path.of(p[1]);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("--log " + spec + ": no such file " + file);
        }
        return new RealtimeLog(p[0], file, p.length == 3 ? p[2] : "all");
    }

    /** How the table names it: the file name. */
    String name() {
        return file.getFileName().toString();
    }

    /** This log in the Taobao layout, written to {@code out}. */
    Path toTaobao(Path out) throws IOException {
        IngestOptions options;
        try {
            options = IngestOptions.defaults(format, null);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--log " + format + ":" + file + ": " + e.getMessage());
        }
        Map<String, String> ids = new HashMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (BehaviorEvent e : EventReader.readAll(file, options, new QuarantineCounter()).events()) {
                Action a = e.action() == Action.CLICK ? Action.VIEW : e.action();
                if (a == Action.SEARCH) {
                    continue;
                }
                String category = e.categoryId() == null || e.categoryId().isEmpty() ? "0" : e.categoryId();
                w.write(EventFormat.TAOBAO.format(new BehaviorEvent(numeric(ids, "u", e.userId()),
                        numeric(ids, "i", e.itemId()), numeric(ids, "c", category), a, e.timeMillis())));
                w.write('\n');
            }
        }
        return out;
    }

    private static String numeric(Map<String, String> ids, String kind, String id) {
        if (!id.isEmpty() && id.length() < 19 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return id;
        }
        // a separate number range per kind, above any 18-digit id
        return ids.computeIfAbsent(kind + id, k -> "9" + "0".repeat(18 - String.valueOf(ids.size()).length()) + ids.size());
    }
}
