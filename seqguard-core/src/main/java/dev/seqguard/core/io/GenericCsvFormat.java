package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CSV with a header row; columns named by a {@link ColumnMapping}. */
final class GenericCsvFormat extends MappedFormat {
    GenericCsvFormat(ColumnMapping mapping) {
        super("generic", mapping);
    }

    @Override
    public Optional<String> header() {
        StringBuilder sb = new StringBuilder();
        for (String column : mapping.writtenColumns()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(Csv.escape(column));
        }
        return Optional.of(sb.toString());
    }

    @Override
    public String format(BehaviorEvent event) {
        String[] columns = mapping.names();
        String[] values = MappedRecord.toValues(event);
        StringBuilder sb = new StringBuilder(64);
        boolean first = true;
        for (int slot = 0; slot < ColumnMapping.SLOTS; slot++) {
            if (columns[slot] != null) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(values[slot] == null ? "" : Csv.escape(values[slot]));
            }
        }
        return sb.toString();
    }

    /** The first line of a generic CSV input is always its header. */
    @Override
    boolean isHeader(String firstLine) {
        return true;
    }

    @Override
    RecordParser newParser(String header) {
        if (header == null) {
            throw new IllegalArgumentException("generic CSV input has no header row");
        }
        List<String> headerFields = Csv.split(header.toCharArray(), header.length(), ',');
        if (headerFields == null) {
            throw new IllegalArgumentException("generic CSV header has unbalanced quotes: " + Fields.quote(header));
        }
        Set<String> available = new LinkedHashSet<>();
        for (String h : headerFields) {
            available.add(h.strip());
        }
        String[] columns = mapping.bind(available, "generic CSV header");
        int[] index = new int[ColumnMapping.SLOTS];
        for (int slot = 0; slot < ColumnMapping.SLOTS; slot++) {
            index[slot] = columns[slot] == null ? -1 : indexOf(headerFields, columns[slot]);
        }
        int width = headerFields.size();
        String[] values = new String[ColumnMapping.SLOTS];
        return (line, length, failed) -> {
            List<String> fields = Csv.split(line, length, ',');
            if (fields == null) {
                return failed.set(QuarantineReason.MALFORMED_RECORD, "unbalanced or misplaced quotes");
            }
            if (fields.size() != width) {
                return failed.set(QuarantineReason.WRONG_FIELD_COUNT, "header has " + width + " columns, line has "
                        + fields.size());
            }
            for (int slot = 0; slot < ColumnMapping.SLOTS; slot++) {
                values[slot] = index[slot] < 0 ? null : fields.get(index[slot]);
            }
            return MappedRecord.toEvent(columns, values, failed);
        };
    }

    private static int indexOf(List<String> header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException("bound column " + column + " not in header " + header);
    }
}
