package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON Lines: one flat object per line, keys named by a {@link ColumnMapping}. Writes the time as epoch
 * milliseconds, price and dwell as numbers, everything else as strings.
 */
final class JsonLinesFormat extends MappedFormat {
    JsonLinesFormat(ColumnMapping mapping) {
        super("jsonl", mapping);
    }

    @Override
    public Optional<String> header() {
        return Optional.empty();
    }

    @Override
    public String format(BehaviorEvent event) {
        String[] keys = mapping.names();
        String[] values = MappedRecord.toValues(event);
        StringBuilder sb = new StringBuilder(128).append('{');
        for (int slot = 0; slot < ColumnMapping.SLOTS; slot++) {
            if (keys[slot] == null || values[slot] == null) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(Json.quote(keys[slot])).append(':');
            boolean number = slot == ColumnMapping.TIME || slot == ColumnMapping.PRICE
                    || slot == ColumnMapping.DWELL;
            sb.append(number ? values[slot] : Json.quote(values[slot]));
        }
        return sb.append('}').toString();
    }

    @Override
    boolean isHeader(String firstLine) {
        return false;
    }

    @Override
    RecordParser newParser(String header) {
        String[] names = mapping.names();
        String[] values = new String[ColumnMapping.SLOTS];
        return (line, length, failed) -> {
            Map<String, String> object = Json.parseObject(line, length);
            if (object == null) {
                return failed.set(QuarantineReason.MALFORMED_RECORD, "not a single JSON object");
            }
            // keys are bound per line: JSON Lines has no header, and objects may omit optional keys
            String[] columns;
            try {
                columns = mapping.bind(boundKeys(object.keySet(), names), "JSON object");
            } catch (IllegalArgumentException e) {
                return failed.set(QuarantineReason.MISSING_VALUE, e.getMessage());
            }
            for (int slot = 0; slot < ColumnMapping.SLOTS; slot++) {
                values[slot] = columns[slot] == null ? null : object.get(columns[slot]);
            }
            return MappedRecord.toEvent(columns, values, failed);
        };
    }

    /** Absent optional keys are normal in JSON Lines, so every mapped optional key counts as available. */
    private static Set<String> boundKeys(Set<String> present, String[] names) {
        Set<String> keys = new HashSet<>(present);
        for (int slot = 0; slot < ColumnMapping.SLOTS; slot++) {
            boolean optional = slot == ColumnMapping.CATEGORY || slot >= ColumnMapping.SESSION;
            if (optional && names[slot] != null) {
                keys.add(names[slot]);
            }
        }
        return keys;
    }
}
