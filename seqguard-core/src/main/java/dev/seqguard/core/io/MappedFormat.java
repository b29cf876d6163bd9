package dev.seqguard.core.io;

import java.util.Objects;
import java.util.Optional;

/**
 * A layout whose columns (or keys) are named by a {@link ColumnMapping} rather than fixed: it carries the mapping
 * and reports it, so the CSV and JSON Lines layouts only differ in how they split and write a record.
 */
abstract sealed class MappedFormat extends EventFormat permits GenericCsvFormat, JsonLinesFormat {
    private final String name;
    final ColumnMapping mapping;

    MappedFormat(String name, ColumnMapping mapping) {
        this.name = name;
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    @Override
    public final Optional<ColumnMapping> mapping() {
        return Optional.of(mapping);
    }

    @Override
    public final String name() {
        return name;
    }
}
